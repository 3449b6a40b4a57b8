import { sendJson } from '../../http';
import type { RouteContext, Router } from '../../router';
import type { IncontactContext } from '../context';
import { HISTORY_DEFAULT_WINDOW_MS } from '../decisions';
import { refusalError } from '../errors';
import type { IcAgent } from '../types';
import { agentJson, agentStateJson, historyJson, skillAssignmentJson } from '../wire';
import { authorize, findAgent } from './guard';
import { boolParam, paging, parseDate } from './params';

/** The reads about agents: directory, current states (one and all), skills and state history. */
export function registerAgentReads(router: Router, sim: IncontactContext): void {
  router.on('GET', '/agents', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const { skip, top } = paging(ctx);
    const found = sim.tenant.searchAgents({
      searchString: ctx.query.get('searchString') ?? '',
      isActive: boolParam(ctx, 'isActive'),
      skip,
      top,
    });
    const { catalog } = sim.tenant;
    sendJson(ctx.res, 200, {
      totalRecords: found.totalRecords,
      ...(found.hidden > 0 ? { hiddenAgents: found.hidden } : {}),
      _links: links(ctx, skip, top, found.totalRecords),
      agents: found.agents.map((a) => agentJson(catalog, a)),
    });
  });

  // Before `/agents/{agentId}`: both have two segments and the first registered wins.
  router.on('GET', '/agents/states', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const { tenant } = sim;
    const raw = ctx.query.get('updatedSince');
    const since = raw === null || raw === '' ? undefined : parseDate(raw);
    if (raw && since === undefined)
      throw refusalError('invalidUpdatedSince', `"${raw}" is not an ISO 8601 date`);
    const { skip, top } = paging(ctx);
    const agents: IcAgent[] =
      since === undefined
        ? [...tenant.catalog.agents]
        : tenant.timelines
            .changedSince(since, ctx.now)
            .sort((a, b) => a - b)
            .map((id) => tenant.catalog.agentById.get(id) as IcAgent);
    const visible = agents.filter((a) => a.visible);
    const hidden = agents.length - visible.length;
    tenant.timelines.polled(ctx.now);
    if (since !== undefined && visible.length === 0 && sim.config.noChangeStatus !== 200)
      return sendJson(ctx.res, sim.config.noChangeStatus, undefined);
    sendJson(ctx.res, 200, {
      lastPollTime: new Date(ctx.now).toISOString(),
      totalRecords: visible.length,
      ...(hidden > 0 ? { hiddenAgents: hidden } : {}),
      _links: links(ctx, skip, top, visible.length),
      agentStates: visible
        .slice(skip, skip + top)
        .map((a) => agentStateJson(tenant.catalog, a, tenant.timelines.visible(a.agentId, ctx.now), true)),
    });
  });

  router.on('GET', '/agents/{agentId}', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const agent = findAgent(sim, ctx.params.agentId);
    sendJson(ctx.res, 200, { agents: [agentJson(sim.tenant.catalog, agent)] });
  });

  router.on('GET', '/agents/{agentId}/states', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const agent = findAgent(sim, ctx.params.agentId);
    const entry = sim.tenant.timelines.visible(agent.agentId, ctx.now);
    sendJson(ctx.res, 200, { agentStates: [agentStateJson(sim.tenant.catalog, agent, entry, false)] });
  });

  router.on('GET', '/agents/{agentId}/skills', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const agent = findAgent(sim, ctx.params.agentId);
    const assignments = skillAssignmentJson(sim.tenant.catalog, agent);
    sendJson(ctx.res, 200, { totalRecords: assignments.length, agentSkillAssignments: assignments });
  });

  router.on('GET', '/agents/{agentId}/state-history', (ctx) => {
    authorize(sim, ctx, 'Agents: View');
    const agent = findAgent(sim, ctx.params.agentId);
    const end = dateParam(ctx, 'endDate') ?? ctx.now;
    const start = dateParam(ctx, 'startDate') ?? end - HISTORY_DEFAULT_WINDOW_MS;
    if (start > end) throw refusalError('invalidDateRange', 'startDate is after endDate');
    const rows = sim.tenant.timelines.history(agent.agentId, start, end, ctx.now);
    sendJson(ctx.res, 200, {
      totalRecords: rows.length,
      agentStateHistory: rows.map((r) => historyJson(sim.tenant.catalog, agent, r.entry, r.end, ctx.now)),
    });
  });
}

function dateParam(ctx: RouteContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return undefined;
  const at = parseDate(raw);
  if (at === undefined) throw refusalError('invalidDateRange', `${name} "${raw}" is not an ISO 8601 date`);
  return at;
}

/** `_links.next` is the same request one page on, absent (null) on the last page. */
function links(ctx: RouteContext, skip: number, top: number, total: number) {
  const self = new URL(ctx.req.url ?? '/', `http://${ctx.req.headers.host ?? 'localhost'}`);
  const next = new URL(self);
  next.searchParams.set('skip', String(skip + top));
  next.searchParams.set('top', String(top));
  return { self: self.toString(), next: skip + top < total ? next.toString() : null };
}
