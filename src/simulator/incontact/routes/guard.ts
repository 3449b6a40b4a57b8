import { bearerToken, HttpError } from '../../http';
import type { RouteContext } from '../../router';
import type { IncontactContext } from '../context';
import { JSON_MEDIA_RANGES, NOT_ACCEPTABLE_TEXT } from '../decisions';
import { refusalError } from '../errors';
import type { IcAgent, Permission, SeededAccessKey } from '../types';

/**
 * Every API call: 401 for a missing, unknown, expired or revoked token; then 406 when `Accept` cannot take
 * JSON; then 403 when the access key's role lacks `permission` (none ⇒ any valid token). The order is a
 * choice: CXone authenticates before it renders anything.
 */
export function authorize(
  sim: IncontactContext,
  ctx: RouteContext,
  permission?: Permission,
): SeededAccessKey {
  const check = sim.tokens.check(bearerToken(ctx.req), ctx.now);
  if (!check.ok)
    throw new HttpError(
      401,
      { error: 'invalid_token', error_description: check.message },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${check.message}"` },
    );
  if (!acceptsJson(ctx.req.headers.accept))
    throw new HttpError(406, {}, {}, { reason: 'Not Acceptable', text: NOT_ACCEPTABLE_TEXT });
  if (permission && !check.key.permissions.includes(permission))
    throw refusalError(
      'missingPermission',
      `the role of access key ${check.key.accessKeyId} lacks the permission "${permission}"`,
      { permission },
    );
  return check.key;
}

/** Axios' `application/json, text/plain, (any)` and the like are fine; no `Accept` at all is not (CXONE-INCONTACT.md). */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase() ?? '')
    .some((type) => JSON_MEDIA_RANGES.includes(type) || type.endsWith('+json'));
}

/** The agent named in the path: integer id or user UUID. Agents the API user may not see are not found. */
export function findAgent(sim: IncontactContext, ref: string | undefined): IcAgent {
  const agent = sim.tenant.agent(ref ?? '');
  if (!agent?.visible) throw refusalError('invalidAgent', `no agent ${ref ?? ''}`);
  return agent;
}
