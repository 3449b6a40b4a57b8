import { RateLimitedError } from '../../cxone/errors';
import type { AuditAction } from '../../store/port';
import { type ChangeRecorder, guardedChange } from '../guarded-change';
import type { Clock } from '../ports';
import { auditRecordOf } from '../sessions/change';
import type { ChangeOutcome } from '../sessions/types';
import { mapBounded } from '../watch/concurrency';

/** How many agents are changed at once: each change keeps at most one CXone request in flight. */
export const BULK_CONCURRENCY = 5;
/** A 429 means CXone did not process the request, so it is sent again after the wait — at most this often. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** Wait before a retry when a 429 names no Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/** `asked`: the agent was asked to log in (only the agent can); nothing is verified for it. */
export type BulkOutcome = 'verified' | 'already' | 'asked' | 'refused' | 'not_applied' | 'failed' | 'skipped';

export interface BulkItem {
  id: string;
  name: string;
}

export interface BulkResult {
  agent: BulkItem;
  outcome: BulkOutcome;
  /** Why it failed, was refused or skipped (who holds the agent). */
  detail?: string;
  verifyMs?: number;
}

export interface BulkProgress {
  done: number;
  total: number;
  verified: number;
  failed: number;
  skipped: number;
}

export interface BulkOptions {
  items: BulkItem[];
  action: AuditAction;
  recorder: ChangeRecorder;
  clock: Clock;
  perform: (item: BulkItem) => Promise<ChangeOutcome>;
  concurrency?: number;
  onProgress?: (p: BulkProgress) => void;
}

/**
 * One fix for many agents: at most `concurrency` at a time, each under the per-agent guard (an agent someone
 * else is changing is skipped and listed, never changed twice), each verified by its use case and audited
 * once, a 429 honoured by waiting and sending again. Every agent ends with a result; none is lost to
 * another's failure.
 */
export async function runBulk(opts: BulkOptions): Promise<BulkResult[]> {
  const total = opts.items.length;
  const tally: BulkProgress = { done: 0, total, verified: 0, failed: 0, skipped: 0 };
  opts.onProgress?.({ ...tally });
  const results = await mapBounded(opts.items, opts.concurrency ?? BULK_CONCURRENCY, async (item) => {
    const result = await changeOne(opts, item);
    tally.done += 1;
    if (result.outcome === 'verified' || result.outcome === 'already') tally.verified += 1;
    else if (result.outcome === 'skipped') tally.skipped += 1;
    else tally.failed += 1;
    opts.onProgress?.({ ...tally });
    return result;
  });
  return results;
}

async function changeOne(opts: BulkOptions, item: BulkItem): Promise<BulkResult> {
  try {
    const done = await guardedChange(opts.recorder, item, opts.action, async () => {
      const result = await withRateLimitRetries(opts.clock, () => opts.perform(item));
      return { result, record: auditRecordOf(result) };
    });
    if (done.kind === 'held')
      return { agent: item, outcome: 'skipped', detail: `already being changed by ${done.startedBy}` };
    const r = done.result;
    const detail = r.kind === 'refused' ? r.message : r.kind === 'not_applied' ? r.explanation : undefined;
    return {
      agent: item,
      outcome: r.kind,
      ...(detail ? { detail } : {}),
      ...('verifyMs' in r ? { verifyMs: r.verifyMs } : {}),
    };
  } catch (err) {
    return { agent: item, outcome: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

async function withRateLimitRetries<T>(clock: Clock, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof RateLimitedError) || attempt >= MAX_RATE_LIMIT_RETRIES) throw err;
      await clock.sleep(err.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    }
  }
}
