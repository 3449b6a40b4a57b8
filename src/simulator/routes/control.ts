import type { SimContext } from '../context';
import { fail, readJson, sendJson } from '../http';
import type { Router } from '../router';
import { parseBody, resetSchema, runtimeConfigSchema, setStatesSchema } from '../validation';
import { registerCommonControl } from './common-control';

/**
 * Test-only endpoints under /__sim/: no auth, not counted, no latency or faults. `control.ts` wraps them
 * in a typed client.
 */
export function registerControl(router: Router, sim: SimContext): void {
  registerCommonControl(router, {
    counts: sim.counts,
    faults: sim.faults,
    invalidateTokens: (how, now) => sim.tokens.invalidateAll(how, now),
  });

  router.on('POST', '/__sim/reset', async ({ req, res }) => {
    sim.reset(parseBody(resetSchema, await readJson(req)) ?? {});
    sendJson(res, 200, { ...sim.tenantConfig, ...sim.config });
  });

  router.on('PUT', '/__sim/agents/{agentId}/states', async ({ req, res, params, now }) => {
    const { states } = parseBody(setStatesSchema, await readJson(req));
    const agentId = (params.agentId ?? '').toLowerCase();
    if (!sim.tenant.agent(agentId)) throw fail(404, 'not_found', `agent ${agentId} not found`);
    const outcome = sim.tenant.setStates(
      agentId,
      states.map((s) => ({ skillId: s.skillId.toLowerCase(), activityId: s.activityId?.toLowerCase() })),
      now,
    );
    if (outcome.kind === 'invalid') throw fail(400, 'bad_request', outcome.message);
    sendJson(res, 200, { states: outcome.states });
  });

  router.on('GET', '/__sim/config', ({ res }) => sendJson(res, 200, sim.config));
  router.on('POST', '/__sim/config', async ({ req, res }) => {
    sim.config = { ...sim.config, ...parseBody(runtimeConfigSchema, (await readJson(req)) ?? {}) };
    sendJson(res, 200, sim.config);
  });
}
