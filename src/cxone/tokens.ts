import type { AxiosInstance } from 'axios';
import type { TokenInfo } from '../agentstate/model';
import { type Clock, systemClock } from '../agentstate/ports';
import type { Logger } from '../logger';
import { createTransport, type RequestEvent, type Transport } from './http';
import { invalidResponseError, mapHttpError, responseTooLargeError } from './map-error';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from './retry';
import { endpointOf, TOKEN_ROUTE } from './routes';
import { tokenResponseSchema } from './schemas';

/** A cached access token. `expiresAt` already has the safety margin taken off. */
export interface AccessToken {
  accessToken: string;
  scopes: string[];
  /** Epoch ms (injected clock) after which the token is no longer handed out. */
  expiresAt: number;
}

export interface TokenProvider {
  /** A token that is still inside its lifetime minus the margin; fetched single-flight when needed. */
  getToken(): Promise<AccessToken>;
  /**
   * Forgets `accessToken` after CXone rejected it with 401. A no-op when a newer token has been cached
   * meanwhile, so a burst of 401s for the same stale token causes one refresh, not one each.
   */
  invalidate(accessToken: string): void;
  /** Drops the cached token. */
  clear(): void;
  /** Scopes and expiry of the current token (fetching one if needed). */
  info(opts?: TokenRequestOptions): Promise<TokenInfo>;
}

/** How a token may be fetched when one is needed. */
export interface TokenRequestOptions {
  /**
   * `false`: one attempt, no retry of a transient failure. For a readiness probe, which is asked again
   * anyway and must not turn every probe into several token requests while the endpoint fails.
   */
  retry?: boolean;
}

/** The policy for one token request: as configured, or a single attempt. */
export function tokenRetryPolicy(policy: RetryPolicy, opts: TokenRequestOptions = {}): RetryPolicy {
  return opts.retry === false ? { ...policy, maxAttempts: 1 } : policy;
}

export interface TokenProviderOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  http?: AxiosInstance;
  /** Reuse the client's transport (one axios instance, one metrics hook); built from the fields above otherwise. */
  transport?: Transport;
  retry?: RetryPolicy;
  clock?: Clock;
  timeoutMs?: number;
  onRequest?: (event: RequestEvent) => void;
}

const MAX_MARGIN_MS = 60_000;
const MARGIN_FRACTION = 0.1;

/**
 * How long before its expiry a token stops being used: 60 s like the tutorial, but never more than a tenth
 * of its lifetime. A flat 60 s would make a short-lived token (the simulator issues 1 s ones) unusable,
 * and every call would fetch a fresh token.
 */
export function tokenMarginMs(lifetimeMs: number): number {
  return Math.min(MAX_MARGIN_MS, lifetimeMs * MARGIN_FRACTION);
}

export interface TokenCache<T extends AccessToken> {
  /** The cached token while `clock.now() < expiresAt`; otherwise one `fetch` shared by every caller. */
  get(opts?: TokenRequestOptions): Promise<T>;
  /** Stops handing out `accessToken` (no-op when a newer token is cached). */
  invalidate(accessToken: string): void;
  /** Forgets every token, the last one included. */
  clear(): void;
}

export interface TokenCacheOptions<T extends AccessToken> {
  clock: Clock;
  /**
   * Obtains a new token. `last` is the most recent token obtained, even when it has expired or was
   * rejected, so a provider can refresh with it instead of starting over; undefined the first time.
   */
  fetch(last: T | undefined, opts: TokenRequestOptions): Promise<T>;
  onToken?(token: T): void;
}

/**
 * Caching with a margin (the fetcher sets `expiresAt` with it taken off) and single-flight refresh: while
 * one token request is in flight every caller awaits that same promise (octokit auth-app's
 * `pendingPromises`). Shared by the token providers of every dialect.
 */
export function createTokenCache<T extends AccessToken>(options: TokenCacheOptions<T>): TokenCache<T> {
  const { clock } = options;
  let cached: T | undefined;
  let last: T | undefined;
  let pending: Promise<T> | undefined;

  return {
    get(opts = {}) {
      if (cached && clock.now() < cached.expiresAt) return Promise.resolve(cached);
      if (!pending) {
        pending = options
          .fetch(last, opts)
          .then((token) => {
            cached = token;
            last = token;
            options.onToken?.(token);
            return token;
          })
          .finally(() => {
            pending = undefined;
          });
      }
      return pending;
    },
    invalidate(accessToken) {
      if (cached?.accessToken === accessToken) cached = undefined;
    },
    clear() {
      cached = undefined;
      last = undefined;
    },
  };
}

/** OAuth2 client-credentials tokens (the v2 dialect), cached and refreshed by `createTokenCache`. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const clock = options.clock ?? systemClock;
  const policy = options.retry ?? defaultRetryPolicy;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const logger = options.logger;
  const transport =
    options.transport ?? createTransport({ http: options.http, clock, logger, onRequest: options.onRequest });
  const url = `${options.baseUrl.replace(/\/+$/, '')}${TOKEN_ROUTE.path}`;
  const endpoint = endpointOf(TOKEN_ROUTE);

  async function fetchToken(opts: TokenRequestOptions): Promise<AccessToken> {
    const retry = { policy: tokenRetryPolicy(policy, opts), clock, idempotent: TOKEN_ROUTE.idempotent };
    return withRetry(retry, async ({ remainingMs }) => {
      const requestedAt = clock.now();
      const outcome = await transport.send({
        method: TOKEN_ROUTE.method,
        url,
        endpoint,
        timeoutMs: Math.max(1, Math.min(timeoutMs, remainingMs)),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        data: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }).toString(),
      });
      const { status, body, headers } = outcome;
      if (typeof status !== 'number' || status < 200 || status >= 300) {
        throw mapHttpError(status, body, headers, {
          endpoint,
          isTokenEndpoint: true,
          nowMs: clock.now(),
          transportCode: outcome.transportCode,
        });
      }
      if (outcome.oversize)
        throw responseTooLargeError(outcome.oversize.limitBytes, status, headers, endpoint);
      const parsed = tokenResponseSchema.safeParse(body);
      // No body on this error: a token answer is made of credentials, whatever its field names.
      if (!parsed.success) throw invalidResponseError(parsed.error, undefined, status, headers, endpoint);
      // Lifetime counts from when we asked, not when the answer arrived: errs on the early side.
      const lifetimeMs = parsed.data.expires_in * 1000;
      return {
        accessToken: parsed.data.access_token,
        scopes: parsed.data.scope.split(/\s+/).filter(Boolean),
        expiresAt: requestedAt + lifetimeMs - tokenMarginMs(lifetimeMs),
      };
    });
  }

  const cache = createTokenCache<AccessToken>({
    clock,
    fetch: (_last, opts) => fetchToken(opts),
    onToken: (token) =>
      logger.debug({ scopes: token.scopes, expiresAt: token.expiresAt }, 'cxone token obtained'),
  });

  return {
    getToken: () => cache.get(),
    invalidate: (accessToken) => cache.invalidate(accessToken),
    clear: () => cache.clear(),
    async info(opts) {
      const { scopes, expiresAt } = await cache.get(opts);
      return { scopes: [...scopes], expiresAt };
    },
  };
}
