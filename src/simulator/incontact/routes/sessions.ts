import { sendJson } from '../../http';
import type { RouteContext, Router } from '../../router';
import type { Session } from '../catalog';
import { digitsOf } from '../catalog';
import type { IncontactContext } from '../context';
import { refusalError } from '../errors';
import type { IcAgent, IcStation, SeededAccessKey } from '../types';
import { answer, settableState } from './actions';
import { authorize, findAgent } from './guard';
import { intField, readFields, stringField } from './params';

/**
 * Agent sessions: how an agent logs in. Without `asAgentId` the session is the API user's own agent's;
 * with it, the access key must be allowed to impersonate. A session is driven (state, end) only with the
 * access key that started it — a choice; the sources do not say who else may.
 */
export function registerSessions(router: Router, sim: IncontactContext): void {
  router.on('POST', '/agent-sessions', async (ctx) => {
    const key = authorize(sim, ctx);
    const fields = await readFields(ctx);
    const asAgentId = intField(fields, 'asAgentId');
    if (asAgentId !== undefined && !key.permissions.includes('Agents: Impersonate'))
      throw refusalError(
        'impersonateNotEnabled',
        `access key ${key.accessKeyId} may not start sessions as another agent`,
      );
    const agent = asAgentId === undefined ? ownAgent(sim, key) : findAgent(sim, String(asAgentId));
    const { station, byPhone } = stationOf(sim, fields);
    const outcome = sim.tenant.startSession(
      agent,
      station,
      key.accessKeyId,
      ctx.now,
      sim.config.propagationDelayMs,
    );
    if (!outcome.ok) {
      if (outcome.refusal === 'sessionInProgress')
        throw refusalError(outcome.refusal, outcome.detail, {}, sim.config.sessionInProgressStatus);
      if (outcome.refusal === 'stationInUse' && byPhone) throw refusalError('phoneInUse', outcome.detail);
      throw refusalError(outcome.refusal, outcome.detail);
    }
    sendJson(ctx.res, 202, { sessionId: outcome.value.sessionId });
  });

  router.on('POST', '/agent-sessions/{sessionId}/state', async (ctx) => {
    const key = authorize(sim, ctx);
    const session = ownSession(sim, ctx, key);
    const fields = await readFields(ctx);
    const state = settableState(stringField(fields, 'state'));
    const agent = sim.tenant.catalog.agentById.get(session.agentId) as IcAgent;
    const reason = stringField(fields, 'reason');
    const code = state === 'Unavailable' && reason ? sim.tenant.teamCode(agent, { name: reason }) : undefined;
    if (state === 'Unavailable' && reason && !code)
      throw refusalError('invalidReason', `${reason} is not an unavailable code of the agent's team`);
    if (code && !code.isActive) throw refusalError('invalidReason', `${code.name} is inactive`);
    answer(ctx.res, sim.tenant.setState(agent, state, code, ctx.now, sim.config.propagationDelayMs), 202);
  });

  router.on('DELETE', '/agent-sessions/{sessionId}', (ctx) => {
    const key = authorize(sim, ctx);
    const session = ownSession(sim, ctx, key);
    answer(ctx.res, sim.tenant.endSession(session, ctx.now, sim.config.propagationDelayMs), 202);
  });
}

function ownAgent(sim: IncontactContext, key: SeededAccessKey): IcAgent {
  const agent = sim.tenant.catalog.agentById.get(key.agentId);
  if (!agent) throw refusalError('invalidAgent', `the API user of ${key.accessKeyId} has no agent`);
  return agent;
}

/** `stationId` wins when both are sent; the phone number matches on its digits. */
function stationOf(
  sim: IncontactContext,
  fields: Record<string, unknown>,
): { station: IcStation; byPhone: boolean } {
  const { catalog } = sim.tenant;
  const stationId = intField(fields, 'stationId');
  const phone = stringField(fields, 'stationPhoneNumber');
  const station =
    stationId !== undefined
      ? catalog.stationById.get(stationId)
      : phone !== undefined
        ? catalog.stationByPhone.get(digitsOf(phone))
        : undefined;
  if (!station) {
    const what =
      stationId !== undefined ? `station ${stationId}` : phone ? `phone number ${phone}` : 'no station';
    throw refusalError('invalidStation', `${what}: send a known stationId or stationPhoneNumber`);
  }
  return { station, byPhone: stationId === undefined };
}

function ownSession(sim: IncontactContext, ctx: RouteContext, key: SeededAccessKey): Session {
  const id = ctx.params.sessionId ?? '';
  const session = sim.tenant.session(id);
  if (!session || session.owner !== key.accessKeyId || session.endedAt !== undefined)
    throw refusalError('invalidSession', `no open session ${id} started with access key ${key.accessKeyId}`);
  return session;
}
