import { RateLimitedError, UnavailableError } from '../../cxone/errors';
import { WindowClosedError, withinWindow } from '../deadline';
import { FIRST_POLL_DELAY_MS, MAX_POLL_DELAY_MS, POLL_BACKOFF_FACTOR, READ_GRACE_MS } from '../poll-states';
import type { AgentStatus } from './model';
import type { ChangeProgress, SessionDeps } from './types';

export interface WaitOptions {
  agentId: string;
  /** Clock time of the POST; the window and elapsed times count from here. */
  startedAt: number;
  timeoutMs: number;
  /** True once the state shows what was asked for. */
  until: (status: AgentStatus) => boolean;
  /** Names the step on progress lines ("starting the session", "making available"). */
  phase: string;
  onProgress?: (event: ChangeProgress) => void;
  signal?: AbortSignal;
  /**
   * The longest pause between reads (default `MAX_POLL_DELAY_MS`). A change of several steps shares its
   * lateness budget between them: each step is seen at most one pause late, and the lags add up.
   */
  maxDelayMs?: number;
}

export interface WaitResult {
  /** The last state read (the one that satisfied `until` when `seen`). Undefined if no read succeeded. */
  last: AgentStatus | undefined;
  seen: boolean;
  polls: number;
  elapsedMs: number;
}

/**
 * Polls the agent's one state until it shows the change or the window closes, with the same schedule as
 * the v2 verification (first poll soon, growing to a low cap, so the answer comes at most one interval
 * after CXone shows it). 5xx, timeouts and 429 are tolerated until the deadline; anything else is thrown.
 */
export async function waitForState(deps: SessionDeps, opts: WaitOptions): Promise<WaitResult> {
  const { clock } = deps;
  const deadline = opts.startedAt + opts.timeoutMs;
  const elapsed = () => clock.now() - opts.startedAt;
  // A step with a shorter cap (one of several) also looks sooner the first time.
  let delay = Math.min(FIRST_POLL_DELAY_MS, (opts.maxDelayMs ?? MAX_POLL_DELAY_MS) / 2);
  let polls = 0;
  let last: AgentStatus | undefined;
  // At least one read, even when the window was spent before polling began: never decide without looking.
  while (polls === 0 || clock.now() < deadline) {
    const left = deadline - clock.now();
    if (left > 0) await clock.sleep(Math.min(delay, left), opts.signal);
    opts.signal?.throwIfAborted();
    polls += 1;
    opts.onProgress?.({
      type: 'polling',
      attempt: polls,
      elapsedMs: elapsed(),
      timeoutMs: opts.timeoutMs,
      phase: opts.phase,
    });
    delay = Math.min(delay * POLL_BACKOFF_FACTOR, opts.maxDelayMs ?? MAX_POLL_DELAY_MS);
    // Each read is cut off when the window closes (plus a read's grace), whatever CXone does.
    const budget = Math.max(deadline - clock.now(), READ_GRACE_MS);
    try {
      last = await withinWindow(budget, opts.signal, (signal) =>
        deps.cxone.getAgentState(opts.agentId, { signal }),
      );
      if (opts.until(last)) return { last, seen: true, polls, elapsedMs: elapsed() };
    } catch (err) {
      if (err instanceof WindowClosedError) break;
      if (err instanceof RateLimitedError) delay = Math.max(delay, err.retryAfterMs ?? 0);
      else if (!(err instanceof UnavailableError)) throw err;
      deps.logger?.debug({ err, agentId: opts.agentId }, 'transient error while verifying; polling on');
    }
  }
  return { last, seen: false, polls, elapsedMs: elapsed() };
}
