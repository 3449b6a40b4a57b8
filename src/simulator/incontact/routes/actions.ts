import { sendJson } from '../../http';
import type { Router } from '../../router';
import type { IncontactContext } from '../context';
import { refusalError } from '../errors';
import type { Outcome, SettableState } from '../tenant';
import { authorize, findAgent } from './guard';
import { intField, readFields, stringField } from './params';

/**
 * The supervisor's two fixes: set another agent's state (200, QA) and force a logout (202, QA). Both take
 * effect after the propagation delay; refusals are in decisions.ts.
 */
export function registerAgentActions(router: Router, sim: IncontactContext): void {
  router.on('POST', '/agents/{agentId}/state', async (ctx) => {
    authorize(sim, ctx, 'Agents: Edit');
    const agent = findAgent(sim, ctx.params.agentId);
    const fields = await readFields(ctx);
    const state = settableState(stringField(fields, 'state'));
    const outStateId = intField(fields, 'outStateId');
    // An outStateId with Available is ignored: QA sends `outStateId: ""` with it.
    const code =
      state === 'Unavailable' && outStateId !== undefined && outStateId !== 0
        ? sim.tenant.teamCode(agent, { id: outStateId })
        : undefined;
    if (state === 'Unavailable' && outStateId && !code)
      throw refusalError('invalidOutState', `${outStateId} is not an unavailable code of the agent's team`);
    const outcome = sim.tenant.setState(agent, state, code, ctx.now, sim.config.propagationDelayMs);
    answer(ctx.res, outcome, 200);
  });

  router.on('POST', '/agents/{agentId}/logout', (ctx) => {
    authorize(sim, ctx, 'Agents: Edit');
    const agent = findAgent(sim, ctx.params.agentId);
    answer(ctx.res, sim.tenant.logout(agent, ctx.now, sim.config.propagationDelayMs), 202);
  });
}

/** DOC: only Available and Unavailable can be set, matched case-insensitively. */
export function settableState(raw: string | undefined): SettableState {
  const state = raw?.trim().toLowerCase();
  if (state === 'available') return 'Available';
  if (state === 'unavailable') return 'Unavailable';
  throw refusalError(
    'invalidState',
    `state must be Available or Unavailable, got ${JSON.stringify(raw ?? null)}`,
  );
}

/** Success carries no body; a refusal becomes its error. */
export function answer(res: Parameters<typeof sendJson>[0], outcome: Outcome<unknown>, status: number): void {
  if (!outcome.ok) throw refusalError(outcome.refusal, outcome.detail);
  sendJson(res, status, undefined);
}
