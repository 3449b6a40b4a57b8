import type { SimContext } from '../context';
import { bearerToken, HttpError } from '../http';
import type { RouteContext } from '../router';
import type { Scope } from '../types';

/**
 * Bearer check for every /api/v2 route: 401 for a missing, unknown, expired or revoked token, then 403
 * when the client lacks `scope` (no scope ⇒ any valid token, as for activities).
 */
export function authorize(sim: SimContext, ctx: RouteContext, scope?: Scope): void {
  const check = sim.tokens.check(bearerToken(ctx.req), ctx.now);
  if (!check.ok)
    throw new HttpError(
      401,
      { error: 'invalid_token', message: check.message },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${check.message}"` },
    );
  if (scope && !check.scopes.includes(scope))
    throw new HttpError(403, { error: 'insufficient_scope', message: `requires scope ${scope}`, scope });
}
