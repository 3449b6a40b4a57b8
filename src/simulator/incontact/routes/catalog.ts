import { sendJson } from '../../http';
import type { Router } from '../../router';
import type { IncontactContext } from '../context';
import { refusalError } from '../errors';
import { skillJson, teamCodeJson, tenantCodeJson } from '../wire';
import { authorize } from './guard';

/**
 * Skills and unavailable codes. Any valid token may read them (a choice: the sources name no permission),
 * so a key whose role lacks agent permissions still shows that the token itself works.
 */
export function registerCatalog(router: Router, sim: IncontactContext): void {
  router.on('GET', '/skills', (ctx) => {
    authorize(sim, ctx);
    const { skills } = sim.tenant.catalog;
    sendJson(ctx.res, 200, { totalRecords: skills.length, skills: skills.map(skillJson) });
  });

  router.on('GET', '/unavailable-codes', (ctx) => {
    authorize(sim, ctx);
    sendJson(ctx.res, 200, { unavailableCodes: sim.tenant.catalog.codes.map(tenantCodeJson) });
  });

  router.on('GET', '/teams/{teamId}/unavailable-codes', (ctx) => {
    authorize(sim, ctx);
    const { catalog } = sim.tenant;
    const raw = ctx.params.teamId ?? '';
    const team = /^\d+$/.test(raw) ? catalog.teamById.get(Number(raw)) : undefined;
    if (!team) throw refusalError('invalidTeam', `no team ${raw}`);
    const codes = team.codeIds.flatMap((id) => {
      const code = catalog.codeById.get(id);
      return code ? [teamCodeJson(code)] : [];
    });
    sendJson(ctx.res, 200, { teamId: team.teamId, unavailableCodes: codes });
  });
}
