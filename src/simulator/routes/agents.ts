import type { SimContext } from '../context';
import { fail, readJson, sendJson } from '../http';
import type { RouteContext, Router } from '../router';
import type { SimAgent } from '../types';
import { loginBodySchema, parseBody } from '../validation';
import { authorize } from './auth';

const MAX_PAGE_SIZE = 100;

/** Agent search and agent states: the part of the contract the tutorial is about. */
export function registerAgents(router: Router, sim: SimContext): void {
  router.on('GET', '/api/v2/agents', (ctx) => {
    authorize(sim, ctx, 'Agent-Read');
    const page = intParam(ctx, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = intParam(ctx, 'pageSize', 25, 1, MAX_PAGE_SIZE);
    sendJson(ctx.res, 200, sim.tenant.searchAgents(ctx.query.get('search') ?? '', page, pageSize));
  });

  // Registered before the per-agent routes only for readability: the segment counts differ anyway.
  router.on('GET', '/api/v2/agents/states', (ctx) => {
    authorize(sim, ctx, 'Agent-Read');
    const book = sim.tenant.book;
    const since = ctx.query.get('updatedSince');
    const body =
      since === null
        ? { states: book.all(ctx.now), removed: [] }
        : book.changedSince(parseSince(since), ctx.now);
    book.polled(ctx.now);
    sendJson(ctx.res, 200, { ...body, lastPollTime: new Date(ctx.now).toISOString() });
  });

  router.on('GET', '/api/v2/agents/{agentId}/states', (ctx) => {
    authorize(sim, ctx, 'Agent-Read');
    const agent = findAgent(sim, ctx);
    sendJson(ctx.res, 200, { states: sim.tenant.book.visible(agent.id, ctx.now) });
  });

  router.on('POST', '/api/v2/agents/{agentId}/states', async (ctx) => {
    authorize(sim, ctx, 'Agent-Write');
    const agent = findAgent(sim, ctx);
    const input = parseBody(loginBodySchema, await readJson(ctx.req));
    const outcome = sim.tenant.login(agent, input, ctx.now, sim.config.propagationDelayMs);
    switch (outcome.kind) {
      case 'accepted':
        return sendJson(ctx.res, 201, { state: outcome.state });
      case 'agent_inactive':
        throw fail(400, 'agent_inactive', `agent ${agent.id} is inactive and cannot be logged in`);
      case 'unknown_skill':
        // 400 rather than 404: on this path a 404 reads as "unknown agent".
        throw fail(400, 'unknown_skill', `skillId ${input.skillId} does not exist`, {
          skillId: input.skillId,
        });
      case 'skill_inactive':
        throw fail(400, 'skill_inactive', `skill ${outcome.skill.name} is inactive`, {
          skillId: outcome.skill.id,
        });
      case 'conflict':
        throw fail(409, 'conflict', `agent ${agent.id} is already logged in to ${outcome.skill.name}`, {
          skillId: outcome.skill.id,
        });
    }
  });

  router.on('DELETE', '/api/v2/agents/{agentId}/states/{stateId}', (ctx) => {
    authorize(sim, ctx, 'Agent-Write');
    const agent = findAgent(sim, ctx);
    const stateId = (ctx.params.stateId ?? '').toLowerCase();
    if (!sim.tenant.logout(agent.id, stateId, ctx.now, sim.config.propagationDelayMs))
      throw fail(404, 'not_found', `agent ${agent.id} is not logged in with state ${stateId}`);
    sendJson(ctx.res, 204, undefined);
  });
}

/** Unknown and malformed ids both answer 404, as CXone does. */
function findAgent(sim: SimContext, ctx: RouteContext): SimAgent {
  const id = ctx.params.agentId ?? '';
  const agent = sim.tenant.agent(id.toLowerCase());
  if (!agent) throw fail(404, 'not_found', `agent ${id} not found`);
  return agent;
}

function intParam(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw fail(400, 'bad_request', `${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** ISO 8601 only: `Date.parse` alone would also take "March 7" or "1". */
function parseSince(raw: string): number {
  const at = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at))
    throw fail(400, 'bad_request', `updatedSince must be an ISO 8601 date-time, got "${raw}"`);
  return at;
}
