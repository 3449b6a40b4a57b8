import { RateLimitedError, UnavailableError } from '../cxone/errors';
import { WindowClosedError, withinWindow } from './deadline';
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

/**
 * How long a read may run past the window: the read that starts as the window closes still gets an answer,
 * and a verification ends at its deadline plus at most this, whatever CXone does.
 */
export const READ_GRACE_MS = 3_000;

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
  /** Whether any read got an answer from CXone (rather than an error or the window closing). */
  answered: boolean;
  elapsedMs: number;
}

/**
 * Polls until `until` yields or the deadline passes. There is always at least one read, even when the
 * window was spent before polling began (a POST that took longer than the window): an outcome is never
 * decided without looking. Each read is cut off when the window closes (plus `READ_GRACE_MS`).
 * Transient failures (5xx, timeouts, 429) are tolerated until the deadline, a 429 by waiting at least as
 * long as CXone asked; anything else is thrown. An abort stops the loop and throws the signal's reason.
 */
export async function pollStates<T>(deps: UseCaseDeps, opts: PollOptions<T>): Promise<PollResult<T>> {
  const { clock } = deps;
  const deadline = opts.startedAt + opts.timeoutMs;
  const elapsed = () => clock.now() - opts.startedAt;
  let delay = FIRST_POLL_DELAY_MS;
  let polls = 0;
  let answered = false;
  while (polls === 0 || clock.now() < deadline) {
    const left = deadline - clock.now();
    if (left > 0) await clock.sleep(Math.min(delay, left), opts.signal);
    opts.signal?.throwIfAborted();
    polls += 1;
    opts.onProgress?.({ type: 'polling', attempt: polls, elapsedMs: elapsed(), timeoutMs: opts.timeoutMs });
    delay = Math.min(delay * POLL_BACKOFF_FACTOR, MAX_POLL_DELAY_MS);
    const budget = Math.max(deadline - clock.now(), READ_GRACE_MS);
    try {
      const states = await withinWindow(budget, opts.signal, (signal) =>
        deps.cxone.getAgentStates(opts.agentId, { signal }),
      );
      answered = true;
      const value = opts.until(states);
      if (value !== undefined) return { value, polls, answered, elapsedMs: elapsed() };
    } catch (err) {
      if (err instanceof WindowClosedError) break;
      if (err instanceof RateLimitedError) delay = Math.max(delay, err.retryAfterMs ?? 0);
      else if (!(err instanceof UnavailableError)) throw err;
      deps.logger?.debug({ err, agentId: opts.agentId }, 'transient error while verifying; polling on');
    }
  }
  return { value: undefined, polls, answered, elapsedMs: elapsed() };
}
