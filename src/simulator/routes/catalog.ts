import type { SimContext } from '../context';
import { fail, sendJson } from '../http';
import type { Router } from '../router';
import { authorize } from './auth';

/** Skills, their state definitions and activities: what a client needs to build a valid login. */
export function registerCatalog(router: Router, sim: SimContext): void {
  router.on('GET', '/api/v2/skills', (ctx) => {
    authorize(sim, ctx, 'Skills-Read');
    sendJson(ctx.res, 200, { entities: sim.tenant.skills });
  });

  router.on('GET', '/api/v2/skills/{skillId}/states', (ctx) => {
    authorize(sim, ctx, 'Skills-Read');
    const skillId = (ctx.params.skillId ?? '').toLowerCase();
    if (!sim.tenant.catalog.skillById.has(skillId))
      throw fail(404, 'not_found', `skill ${skillId} not found`);
    sendJson(ctx.res, 200, { entities: sim.tenant.stateDefinitions(skillId) });
  });

  // Any valid token will do: the contract names no scope for activities.
  router.on('GET', '/api/v2/activities', (ctx) => {
    authorize(sim, ctx);
    sendJson(ctx.res, 200, { entities: sim.tenant.activities });
  });
}
