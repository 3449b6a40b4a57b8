import type { Clock } from '../agentstate/ports';
import { RateLimitedError, UnavailableError } from './errors';

/**
 * When and how long to retry, as plain data (octokit plugin-retry / axios-retry style). Which calls may be
 * retried at all is a property of the route, not of the policy: GETs and the token request are safe to
 * repeat, a login POST or a DELETE is not (see `routes.ts`).
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Backoff cap of the first retry; doubles per retry (full jitter draws between 0 and the cap). */
  baseDelayMs: number;
  /** Upper bound of one backoff delay. A longer Retry-After is still honoured if it fits `maxTotalMs`. */
  maxDelayMs: number;
  /** Budget of one call with all its retries. A retry whose wait would not fit is not started. */
  maxTotalMs: number;
  /** Statuses worth another attempt. 400/401/403/404/409 are never in here: repeating cannot fix them. */
  retryableStatuses: readonly number[];
  retryOnTimeout: boolean;
  retryOnNetworkError: boolean;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxTotalMs: 20_000,
  retryableStatuses: Object.freeze([429, 500, 502, 503, 504]),
  retryOnTimeout: true,
  retryOnNetworkError: true,
});

/**
 * For tests: same decisions, no backoff. Retry-After is still honoured (through the injected clock, so a
 * fake clock makes it instant); the budget is generous so those waits fit.
 */
export const zeroDelayRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  ...defaultRetryPolicy,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxTotalMs: 600_000,
});

/**
 * Delay before retry number `retry` (1 = the first retry): capped exponential backoff with full jitter
 * (AWS architecture blog), raised to at least `retryAfterMs` when the server asked for a wait.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  retry: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponent = Math.max(0, retry - 1);
  // 2 ** exponent overflows to Infinity for large retry counts; Math.min keeps the cap finite.
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(random() * cap);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Whether the policy considers this failure transient. Everything else surfaces at once. */
export function isRetryableFailure(policy: RetryPolicy, error: unknown): boolean {
  if (error instanceof RateLimitedError) return policy.retryableStatuses.includes(429);
  if (!(error instanceof UnavailableError)) return false;
  if (error.reason === 'timeout') return policy.retryOnTimeout;
  if (error.reason === 'network') return policy.retryOnNetworkError;
  return error.status !== undefined && policy.retryableStatuses.includes(error.status);
}

export interface RetryOptions {
  policy: RetryPolicy;
  clock: Clock;
  /** False for calls that must not be repeated (login POST, DELETE): the first failure surfaces. */
  idempotent: boolean;
  /** Extra veto, e.g. not to re-run failures that already went through their own retry loop. */
  shouldRetry?: (error: unknown) => boolean;
  random?: () => number;
  onRetry?: (info: { retry: number; delayMs: number; error: unknown }) => void;
}

export interface AttemptContext {
  /** 1-based. */
  attempt: number;
  /** What is left of `policy.maxTotalMs`, so a request timeout can be clamped to it. */
  remainingMs: number;
}

/** Runs `attempt` until it succeeds, fails for good, or the attempts or the time budget run out. */
export async function withRetry<T>(
  options: RetryOptions,
  attempt: (ctx: AttemptContext) => Promise<T>,
): Promise<T> {
  const { policy, clock } = options;
  const random = options.random ?? Math.random;
  const started = clock.now();
  const remaining = () => policy.maxTotalMs - (clock.now() - started);

  for (let n = 1; ; n++) {
    try {
      return await attempt({ attempt: n, remainingMs: remaining() });
    } catch (error) {
      const retryable =
        options.idempotent &&
        n < policy.maxAttempts &&
        isRetryableFailure(policy, error) &&
        (options.shouldRetry?.(error) ?? true);
      if (!retryable) throw error;
      const retryAfterMs = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(policy, n, random, retryAfterMs);
      // Waiting longer than the budget allows only to fail later: surface the error (a 429 keeps its
      // retryAfterMs, so the caller can tell the user when to try again).
      if (delayMs >= remaining()) throw error;
      options.onRetry?.({ retry: n, delayMs, error });
      await clock.sleep(delayMs);
    }
  }
}
