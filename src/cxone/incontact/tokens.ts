import type { Clock } from '../../agentstate/ports';
import type { Logger } from '../../logger';
import { AuthError, type CxoneError } from '../errors';
import type { Transport } from '../http';
import { invalidResponseError } from '../map-error';
import { type RetryPolicy, withRetry } from '../retry';
import {
  type AccessToken,
  createTokenCache,
  type TokenProvider,
  type TokenRequestOptions,
  tokenMarginMs,
} from '../tokens';
import { mapIncontactError } from './map-error';
import { tokenResponseSchema } from './schemas';
import { basicCredentials, type SecretScrubber } from './secrets';

/**
 * Access-key tokens (CXONE-INCONTACT.md, step 2): the password grant with the access key, the registered
 * application's client credentials as HTTP Basic — or in the form body, for registrations that refuse
 * Basic; the first refusal switches to the body and the choice holds for the process. A token is renewed
 * with its refresh token before it expires (the shared cache's margin), and with a fresh password grant
 * when that fails. Caching and single-flight are the v2 provider's (`createTokenCache`).
 */
export type ClientAuth = 'basic' | 'body';

export interface IncontactToken extends AccessToken {
  refreshToken?: string;
}

export interface IncontactTokenProvider extends TokenProvider {
  /** How the client credentials are sent now ('basic' until the token endpoint refuses it). */
  clientAuth(): ClientAuth;
}

export interface IncontactTokenOptions {
  clientId: string;
  clientSecret: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Resolved lazily: discovery runs on the first token request, not at construction. */
  tokenEndpoint: () => Promise<string>;
  transport: Transport;
  policy: RetryPolicy;
  clock: Clock;
  timeoutMs: number;
  logger: Logger;
  scrub: SecretScrubber;
}

/** The token endpoint's URL is discovered and may be anywhere; the label stays fixed and id-free. */
export const TOKEN_ENDPOINT = 'POST {token_endpoint}';

export function createIncontactTokenProvider(options: IncontactTokenOptions): IncontactTokenProvider {
  const { clientId, clientSecret, transport, policy, clock, timeoutMs, logger, scrub } = options;
  let clientAuth: ClientAuth = 'basic';
  scrub.add(clientSecret, options.accessKeySecret, basicCredentials(clientId, clientSecret));

  /** One grant request; `idempotent` decides whether transient failures are retried. */
  async function grant(form: Record<string, string>, auth: ClientAuth, idempotent: boolean) {
    const url = await options.tokenEndpoint();
    const body = new URLSearchParams(form);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (auth === 'basic') {
      headers.Authorization = `Basic ${basicCredentials(clientId, clientSecret)}`;
    } else {
      body.set('client_id', clientId);
      body.set('client_secret', clientSecret);
    }

    return withRetry({ policy, clock, idempotent }, async ({ remainingMs }) => {
      const requestedAt = clock.now();
      const outcome = await transport.send({
        method: 'POST',
        url,
        endpoint: TOKEN_ENDPOINT,
        timeoutMs: Math.max(1, Math.min(timeoutMs, remainingMs)),
        headers,
        data: body.toString(),
      });
      const { status } = outcome;
      if (typeof status !== 'number' || status < 200 || status >= 300) {
        throw mapIncontactError(outcome, {
          stage: 'token',
          scrub,
          ctx: { endpoint: TOKEN_ENDPOINT, nowMs: clock.now(), transportCode: outcome.transportCode },
        });
      }
      const parsed = tokenResponseSchema.safeParse(outcome.body);
      if (!parsed.success) {
        // Whatever tokens the malformed answer holds must not travel on the error.
        const tokens = outcome.body as Record<string, string | undefined> | undefined;
        scrub.add(tokens?.access_token, tokens?.refresh_token, tokens?.id_token);
        throw invalidResponseError(
          parsed.error,
          scrub.value(outcome.body),
          status,
          outcome.headers,
          TOKEN_ENDPOINT,
        );
      }
      const data = parsed.data;
      scrub.add(data.access_token, data.refresh_token, data.id_token);
      // Lifetime counts from when we asked, not when the answer arrived: errs on the early side.
      const lifetimeMs = data.expires_in * 1000;
      const token: IncontactToken = {
        accessToken: data.access_token,
        refreshToken: data.refresh_token,
        // No per-API scopes in this dialect: what a token may do is the API user's role.
        scopes: [],
        expiresAt: requestedAt + lifetimeMs - tokenMarginMs(lifetimeMs),
      };
      return token;
    });
  }

  async function passwordGrant(opts: TokenRequestOptions = {}): Promise<IncontactToken> {
    const form = { grant_type: 'password', username: options.accessKeyId, password: options.accessKeySecret };
    const retried = opts.retry !== false;
    try {
      return await grant(form, clientAuth, retried);
    } catch (error) {
      if (clientAuth !== 'basic' || !refusesClient(error)) throw error;
      logger.info(
        'cxone token endpoint refused the client credentials as HTTP Basic; sending them in the body',
      );
      const token = await grant(form, 'body', retried);
      clientAuth = 'body';
      return token;
    }
  }

  async function refreshGrant(refreshToken: string): Promise<IncontactToken> {
    const form = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId };
    // Not retried: with rotating refresh tokens a retry after a lost answer is refused anyway, and the
    // password grant below is the fallback for every failure.
    const token = await grant(form, clientAuth, false);
    return { ...token, refreshToken: token.refreshToken ?? refreshToken };
  }

  const cache = createTokenCache<IncontactToken>({
    clock,
    async fetch(last, opts) {
      if (last?.refreshToken === undefined) return passwordGrant(opts);
      try {
        return await refreshGrant(last.refreshToken);
      } catch (error) {
        logger.debug(
          { code: (error as CxoneError).code },
          'cxone token refresh failed; using the access key again',
        );
        return passwordGrant(opts);
      }
    },
    onToken: (token) => logger.debug({ expiresAt: token.expiresAt, clientAuth }, 'cxone token obtained'),
  });

  return {
    getToken: () => cache.get(),
    invalidate: (accessToken) => cache.invalidate(accessToken),
    clear: () => cache.clear(),
    async info(opts) {
      const { expiresAt } = await cache.get(opts);
      return { scopes: [], expiresAt };
    },
    clientAuth: () => clientAuth,
  };
}

/** The token endpoint's way of saying "not like that": 401, or OAuth's `invalid_client` with any status. */
function refusesClient(error: unknown): boolean {
  if (!(error instanceof AuthError)) return false;
  if (error.status === 401) return true;
  const body = error.body as { error?: unknown } | undefined;
  return typeof body === 'object' && body !== null && body.error === 'invalid_client';
}
