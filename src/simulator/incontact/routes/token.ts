import type { IncomingMessage } from 'node:http';
import { readBody, sendJson } from '../../http';
import type { Router } from '../../router';
import type { IncontactContext } from '../context';
import { oauthError } from '../errors';
import { TENANT_FACTS } from '../seed-data';
import type { TokenSubject } from '../tokens';
import type { AppRegistration, SeededAccessKey } from '../types';
import { baseUrlOf } from './discovery';

/**
 * `POST /auth/token`, form-encoded: the password grant with an access key as username/password, and the
 * refresh grant. The registered application authenticates with HTTP Basic or form fields, as its
 * registration allows (DOC: both exist).
 */
export function registerToken(router: Router, sim: IncontactContext): void {
  router.on('POST', '/auth/token', async ({ req, res, now }) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
      throw oauthError(400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type');
    const ttl = sim.config.tokenTtlSeconds;
    const answer = (app: AppRegistration, key: SeededAccessKey, subject: TokenSubject) =>
      sendJson(res, 200, sim.tokens.issue(app, key, subject, ttl, now), { 'cache-control': 'no-store' });

    if (grantType === 'password') {
      const app = authenticateClient(sim, req, form, true);
      const username = form.get('username');
      const password = form.get('password');
      if (!username || !password)
        throw oauthError(
          400,
          'invalid_request',
          'username (access key id) and password (secret) are required',
        );
      const key = sim.accessKeys.find((k) => k.accessKeyId === username);
      if (!key || key.accessKeySecret !== password)
        throw oauthError(400, 'invalid_grant', 'unknown access key id or wrong access key secret');
      return answer(app, key, subjectOf(sim, req, key));
    }
    if (grantType === 'refresh_token') {
      const app = authenticateClient(sim, req, form, false);
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) throw oauthError(400, 'invalid_request', 'refresh_token is required');
      const grant = sim.tokens.redeem(refreshToken, app.clientId, now);
      if (!grant)
        throw oauthError(400, 'invalid_grant', 'refresh token is unknown, used, expired or revoked');
      return answer(app, grant.key, grant.subject);
    }
    if (!grantType) throw oauthError(400, 'invalid_request', 'grant_type is required');
    throw oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  });
}

/**
 * HTTP Basic when sent (only for registrations that accept it), else `client_id`/`client_secret` in the
 * form. The refresh grant needs only `client_id` (DOC); a secret, when sent, must still be right.
 */
function authenticateClient(
  sim: IncontactContext,
  req: IncomingMessage,
  form: URLSearchParams,
  secretRequired: boolean,
): AppRegistration {
  const basic = basicCredentials(req);
  const clientId = basic?.clientId ?? form.get('client_id');
  const clientSecret = basic?.clientSecret ?? form.get('client_secret');
  const challenge: Record<string, string> = basic ? { 'www-authenticate': 'Basic realm="cxone"' } : {};
  if (!clientId) throw oauthError(401, 'invalid_client', 'client authentication is required', challenge);
  const app = sim.applications.find((a) => a.clientId === clientId);
  if (!app) throw oauthError(401, 'invalid_client', 'unknown client_id', challenge);
  if (basic && !app.authMethods.includes('client_secret_basic'))
    throw oauthError(
      401,
      'invalid_client',
      'this application does not accept HTTP Basic; send client_id and client_secret in the form body',
      challenge,
    );
  if (clientSecret === null ? secretRequired : clientSecret !== app.clientSecret)
    throw oauthError(401, 'invalid_client', 'wrong or missing client_secret', challenge);
  return app;
}

function basicCredentials(req: IncomingMessage): { clientId: string; clientSecret: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw oauthError(401, 'invalid_client', 'malformed HTTP Basic credentials');
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    throw oauthError(401, 'invalid_client', 'malformed HTTP Basic credentials');
  }
}

function subjectOf(sim: IncontactContext, req: IncomingMessage, key: SeededAccessKey): TokenSubject {
  const user = sim.tenant.catalog.agentById.get(key.agentId);
  return {
    issuer: baseUrlOf(req, sim),
    tenantId: sim.tenant.catalog.tenantId,
    businessUnitId: TENANT_FACTS.businessUnitId,
    clusterId: TENANT_FACTS.clusterId,
    userId: user?.userId ?? '',
    agentId: key.agentId,
    name: user ? `${user.firstName} ${user.lastName}` : key.accessKeyId,
  };
}
