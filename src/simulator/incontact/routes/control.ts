import { readJson, sendJson } from '../../http';
import type { Router } from '../../router';
import { registerCommonControl } from '../../routes/common-control';
import { parseBody } from '../../validation';
import { AGENT_SELF } from '../catalog';
import type { IncontactContext } from '../context';
import { refusalError } from '../errors';
import type { IcAgent } from '../types';
import { forceStateSchema, resetSchema, runtimeConfigSchema } from '../validation';
import { agentStateJson } from '../wire';
import { answer } from './actions';

/**
 * Test and sandbox controls under /__sim/: no auth, not counted, no latency or faults. Besides the shared
 * ones: set an agent's state at once, and "the agent logs in / out" as the agent itself would (on its last
 * station, through the propagation delay). `control.ts` wraps them in a typed client.
 */
export function registerIncontactControl(router: Router, sim: IncontactContext): void {
  registerCommonControl(router, {
    counts: sim.counts,
    faults: sim.faults,
    invalidateTokens: (how, now) => sim.tokens.invalidateAll(how, now),
  });

  router.on('POST', '/__sim/reset', async ({ req, res }) => {
    sim.reset(parseBody(resetSchema, await readJson(req)) ?? {});
    sendJson(res, 200, sim.settings);
  });

  router.on('GET', '/__sim/config', ({ res }) => sendJson(res, 200, sim.config));
  router.on('POST', '/__sim/config', async ({ req, res }) => {
    sim.config = { ...sim.config, ...parseBody(runtimeConfigSchema, (await readJson(req)) ?? {}) };
    sendJson(res, 200, sim.config);
  });

  router.on('PUT', '/__sim/agents/{agentId}/state', async ({ req, res, params, now }) => {
    const agent = anyAgent(sim, params.agentId);
    const want = parseBody(forceStateSchema, await readJson(req));
    const code =
      want.outStateId !== undefined || want.reason !== undefined
        ? sim.tenant.teamCode(agent, { id: want.outStateId, name: want.reason })
        : undefined;
    if ((want.outStateId !== undefined || want.reason !== undefined) && !code)
      throw refusalError(
        'invalidOutState',
        `${want.reason ?? want.outStateId} is not a code of the agent's team`,
      );
    if (want.skillId !== undefined && !sim.tenant.catalog.skillById.has(want.skillId))
      throw refusalError('invalidRequest', `no skill ${want.skillId}`);
    const outcome = sim.tenant.forceState(agent, { state: want.state, code, skillId: want.skillId }, now);
    if (!outcome.ok) throw refusalError(outcome.refusal, outcome.detail);
    sendJson(res, 200, { agentState: agentStateJson(sim.tenant.catalog, agent, outcome.value, false) });
  });

  router.on('POST', '/__sim/agents/{agentId}/login', ({ res, params, now }) => {
    const agent = anyAgent(sim, params.agentId);
    const station = sim.tenant.station(agent.stationId);
    const outcome = sim.tenant.startSession(agent, station, AGENT_SELF, now, sim.config.propagationDelayMs);
    if (!outcome.ok) {
      const status = outcome.refusal === 'sessionInProgress' ? sim.config.sessionInProgressStatus : undefined;
      throw refusalError(outcome.refusal, outcome.detail, {}, status);
    }
    sendJson(res, 202, { sessionId: outcome.value.sessionId, stationId: station.stationId });
  });

  router.on('POST', '/__sim/agents/{agentId}/logout', ({ res, params, now }) => {
    const agent = anyAgent(sim, params.agentId);
    answer(res, sim.tenant.logout(agent, now, sim.config.propagationDelayMs), 202);
  });
}

/** Controls see every agent, including those hidden from the API users. */
function anyAgent(sim: IncontactContext, ref: string | undefined): IcAgent {
  const agent = sim.tenant.agent(ref ?? '');
  if (!agent) throw refusalError('invalidAgent', `no agent ${ref ?? ''}`);
  return agent;
}
