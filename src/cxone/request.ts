import type { z } from 'zod';
import type { Clock } from '../agentstate/ports';
import type { Logger } from '../logger';
import type { CxoneError } from './errors';
import type { HttpOutcome, Transport } from './http';
import { type ErrorContext, invalidResponseError, mapHttpError, responseTooLargeError } from './map-error';
import { type RetryPolicy, withRetry } from './retry';
import { buildPath, endpointOf, type Route } from './routes';
import type { TokenProvider } from './tokens';

export interface CallInput {
  params?: Readonly<Record<string, string>>;
  query?: Record<string, string | number>;
  data?: unknown;
  /**
   * The caller's deadline or cancellation: aborts the exchange in flight, and the call rejects with the
   * signal's reason (also while it waits for a token, or before a retry).
   */
  signal?: AbortSignal;
}

export interface Requester {
  /** Runs one API call: auth, one forced refresh on 401, retries per route and policy, body validation. */
  call<S extends z.ZodType>(route: Route, input: CallInput, schema: S): Promise<z.infer<S>>;
}

export interface RequesterOptions {
  baseUrl: string;
  transport: Transport;
  tokens: TokenProvider;
  policy: RetryPolicy;
  clock: Clock;
  timeoutMs: number;
  logger: Logger;
  /**
   * Turns a failed exchange into a typed error. Defaults to `mapHttpError`; a dialect whose API words its
   * failures differently passes its own (which may build on `mapHttpError`).
   */
  mapError?: (outcome: HttpOutcome, ctx: ErrorContext, route: Route) => CxoneError;
}

export function createRequester(options: RequesterOptions): Requester {
  const { transport, tokens, policy, clock, logger } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(route: Route, input: CallInput, schema: S): Promise<z.infer<S>> {
    const endpoint = endpointOf(route);
    const url = `${baseUrl}${buildPath(route, input.params)}`;
    const notFoundId = route.notFound ? input.params?.[route.notFound.param] : undefined;

    const attempt = async (remainingMs: number): Promise<HttpOutcome & { status: number }> => {
      const send = (accessToken: string) =>
        transport.send({
          method: route.method,
          url,
          endpoint,
          // Never wait on one exchange past the call's total budget.
          timeoutMs: Math.max(1, Math.min(options.timeoutMs, remainingMs)),
          headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
          query: input.query,
          data: input.data,
          ...(input.signal ? { signal: input.signal } : {}),
        });

      // The token request is shared by every waiting call, so it is not cancelled for one of them; this
      // call just stops waiting for it.
      let token = await unlessAborted(tokens.getToken(), input.signal);
      let outcome = await send(token.accessToken);
      if (outcome.status === 401) {
        // The token was revoked or expired early. A 401 means the request was not processed, so even a
        // POST may be sent again — once, with a fresh token. A second 401 is a real AuthError.
        logger.debug({ endpoint }, 'cxone rejected the token; refreshing once');
        tokens.invalidate(token.accessToken);
        token = await unlessAborted(tokens.getToken(), input.signal);
        outcome = await send(token.accessToken);
      }
      const { status, body, headers } = outcome;
      if (
        typeof status === 'number' &&
        ((status >= 200 && status < 300) || route.okStatuses?.includes(status))
      ) {
        if (outcome.oversize) {
          throw responseTooLargeError(outcome.oversize.limitBytes, status, headers, endpoint);
        }
        return { ...outcome, status };
      }
      const ctx: ErrorContext = {
        endpoint,
        scope: route.scope,
        notFound: route.notFound && { resource: route.notFound.resource, id: notFoundId },
        nowMs: clock.now(),
        transportCode: outcome.transportCode,
      };
      throw options.mapError
        ? options.mapError(outcome, ctx, route)
        : mapHttpError(status, body, headers, ctx);
    };

    try {
      const outcome = await withRetry(
        {
          policy,
          clock,
          idempotent: route.idempotent,
          // A failing token request has been through its own retry loop already; repeating it here would
          // multiply the attempts.
          shouldRetry: (error) => (error as { endpoint?: string }).endpoint === endpoint,
          onRetry: ({ retry, delayMs, error }) =>
            logger.debug(
              { endpoint, retry, delayMs, code: (error as { code?: string }).code },
              'cxone retry',
            ),
        },
        ({ remainingMs }) => attempt(remainingMs),
      );
      const parsed = schema.safeParse(outcome.body);
      if (!parsed.success) {
        throw invalidResponseError(parsed.error, outcome.body, outcome.status, outcome.headers, endpoint);
      }
      return parsed.data;
    } catch (error) {
      // Errors carry no config or credentials (see mapHttpError), so they are safe to log whole.
      logger.debug({ err: error, endpoint }, 'cxone call failed');
      throw error;
    }
  }

  return { call };
}

/** `promise`, or a rejection with the signal's reason as soon as it fires. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
