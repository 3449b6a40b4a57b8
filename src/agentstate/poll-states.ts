import { RateLimitedError, UnavailableError } from '../cxone/errors';
import type { UseCaseDeps } from './deps';
import type { AgentState } from './model';
import type { LoginProgress } from './types';

/**
 * CXone shows a login (or logout) only after a propagation delay of unknown length, so the use cases poll
 * GET .../states. The first poll comes soon (most changes are quick), the interval grows, and it is capped
 * low so that a change is seen at most one interval after it appears: with a 250 ms cap, the verification
 * time exceeds the true propagation delay by at most 250 ms (plus one GET), even for 8 s delays.
 */
export const FIRST_POLL_DELAY_MS = 100;
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_DELAY_MS = 250;

export interface PollOptions<T> {
  agentId: string;
  /** Clock time the change was posted; elapsed times and the deadline count from here. */
  startedAt: number;
  timeoutMs: number;
  /** Returns a value when the states show what we wait for. */
  until: (states: AgentState[]) => T | undefined;
  onProgress?: (event: LoginProgress) => void;
  signal?: AbortSignal;
}

export interface PollResult<T> {
  value: T | undefined;
  polls: number;
  elapsedMs: number;
}

/**
 * Polls until `until` yields or the deadline passes. Transient failures (5xx, timeouts, 429) are tolerated
 * until the deadline, a 429 by waiting at least as long as CXone asked; anything else is thrown. An abort
 * stops the loop and throws the signal's reason.
 */
export async function pollStates<T>(deps: UseCaseDeps, opts: PollOptions<T>): Promise<PollResult<T>> {
  const { clock } = deps;
  const deadline = opts.startedAt + opts.timeoutMs;
  const elapsed = () => clock.now() - opts.startedAt;
  let delay = FIRST_POLL_DELAY_MS;
  let polls = 0;
  while (clock.now() < deadline) {
    await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())), opts.signal);
    opts.signal?.throwIfAborted();
    polls += 1;
    opts.onProgress?.({ type: 'polling', attempt: polls, elapsedMs: elapsed(), timeoutMs: opts.timeoutMs });
    delay = Math.min(delay * POLL_BACKOFF_FACTOR, MAX_POLL_DELAY_MS);
    try {
      const value = opts.until(await deps.cxone.getAgentStates(opts.agentId));
      if (value !== undefined) return { value, polls, elapsedMs: elapsed() };
    } catch (err) {
      if (err instanceof RateLimitedError) delay = Math.max(delay, err.retryAfterMs ?? 0);
      else if (!(err instanceof UnavailableError)) throw err;
      deps.logger?.debug({ err, agentId: opts.agentId }, 'transient error while verifying; polling on');
    }
  }
  return { value: undefined, polls, elapsedMs: elapsed() };
}
