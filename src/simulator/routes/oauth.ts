import type { IncomingMessage } from 'node:http';
import type { SimContext } from '../context';
import { HttpError, readBody, sendJson } from '../http';
import type { Router } from '../router';

/** OAuth errors use RFC 6749's `{error, error_description}`, not the API's `{error, message}`. */
const oauthError = (status: number, error: string, description: string) =>
  new HttpError(status, { error, error_description: description });

/** `POST /oauth/token`, client-credentials grant only, form-encoded like the tutorial's helpers. */
export function registerOAuth(router: Router, sim: SimContext): void {
  router.on('POST', '/oauth/token', async ({ req, res, now }) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
      throw oauthError(400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type');
    if (!grantType) throw oauthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials')
      throw oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);

    const { clientId, clientSecret } = credentials(req, form);
    if (!clientId || !clientSecret)
      throw oauthError(400, 'invalid_request', 'client_id and client_secret are required');
    const client = sim.tokens.client(clientId);
    if (!client || client.clientSecret !== clientSecret)
      throw oauthError(401, 'invalid_client', 'unknown client_id or wrong client_secret');

    const ttl = sim.config.tokenTtlSeconds;
    sendJson(
      res,
      200,
      {
        access_token: sim.tokens.issue(client, ttl, now),
        token_type: 'bearer',
        expires_in: ttl,
        scope: client.scopes.join(' '),
      },
      { 'cache-control': 'no-store' },
    );
  });
}

/** Form fields, or HTTP Basic as RFC 6749 §2.3.1 also allows. */
function credentials(req: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        clientId: safeDecode(decoded.slice(0, colon)),
        clientSecret: safeDecode(decoded.slice(colon + 1)),
      };
  }
  return { clientId: form.get('client_id'), clientSecret: form.get('client_secret') };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
