import type { IncomingMessage } from 'node:http';
import { sendJson } from '../../http';
import type { Router } from '../../router';
import type { IncontactContext } from '../context';
import { oauthError } from '../errors';
import { TENANT_FACTS } from '../seed-data';

/**
 * The URL clients reached us at: the `Host` they sent, so a simulator in a container or on a LAN answers
 * with an address that works from where the client is; the listening URL when there is no `Host`.
 */
export function baseUrlOf(req: IncomingMessage, sim: IncontactContext): string {
  const host = req.headers.host;
  return host ? `http://${host}` : sim.baseUrl;
}

/** Discovery (no auth): where the token endpoint is, and where a tenant's API lives (CXONE-INCONTACT.md). */
export function registerDiscovery(router: Router, sim: IncontactContext): void {
  router.on('GET', '/.well-known/openid-configuration', ({ req, res }) => {
    const base = baseUrlOf(req, sim);
    sendJson(res, 200, {
      issuer: base,
      token_endpoint: `${base}/auth/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      grant_types_supported: ['password', 'refresh_token'],
      response_types_supported: ['token', 'id_token'],
      scopes_supported: ['openid'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['HS256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'name', 'tenantId', 'icBUId', 'icClusterId'],
    });
  });

  router.on('GET', '/.well-known/cxone-configuration', ({ req, res, query }) => {
    const tenantId = query.get('tenantId')?.trim().toLowerCase();
    if (!tenantId) throw oauthError(400, 'invalid_request', 'tenantId is required');
    if (tenantId !== sim.tenant.catalog.tenantId) throw oauthError(404, 'not_found', `no tenant ${tenantId}`);
    const base = baseUrlOf(req, sim);
    sendJson(res, 200, {
      tenantId: sim.tenant.catalog.tenantId,
      api_endpoint: base,
      auth_endpoint: base,
      ui_endpoint: base,
      area: TENANT_FACTS.area,
      domain: new URL(base).hostname,
    });
  });
}
