import { RateLimitedError, UnavailableError } from '../../cxone/errors';
import type { AuditAction } from '../../store/port';
import { beginChange, type ChangeRecorder, type HeldChange } from '../guarded-change';
import { FIRST_POLL_DELAY_MS, MAX_POLL_DELAY_MS, POLL_BACKOFF_FACTOR } from '../poll-states';
import { auditRecordOf, notApplied, type Plan, sendTolerating, verified } from '../sessions/change';
import type { AgentStatus, SessionAgent } from '../sessions/model';
import type { ChangeOutcome, SessionDeps } from '../sessions/types';
import { mapBounded } from '../watch/concurrency';
import { createLimiter, type Limiter } from './limiter';

/** At most this many CXone requests of one bulk fix are in flight at once (sends and reads alike). */
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
  deps: SessionDeps;
  items: BulkItem[];
  action: AuditAction;
  recorder: ChangeRecorder;
  /** The agent behind an item (from the roster, or CXone). */
  agentOf: (item: BulkItem) => Promise<SessionAgent>;
  /** What the change does for one agent in its current state (the same rules as one change). */
  plan: (agent: SessionAgent, status: AgentStatus) => Promise<Plan>;
  concurrency?: number;
  onProgress?: (p: BulkProgress) => void;
}

interface Entry {
  item: BulkItem;
  held?: HeldChange;
  agent?: SessionAgent;
  status?: AgentStatus;
  plan?: Plan;
  /** When its first step was sent; verify times count from here. */
  sentAt?: number;
  uncertain?: Awaited<ReturnType<typeof sendTolerating>>;
  result?: BulkResult;
}

/**
 * One fix for many agents, the 8 a.m. case. Every agent is held by the per-agent guard (one someone else
 * is changing is skipped and listed, never changed twice), read once from one bulk read of states, and
 * planned with the same rules as a single change. Then the fix goes step by step across all agents at
 * once: send the step to everyone who needs it (at most `concurrency` requests in flight, a 429 waited
 * out and sent again), and verify them together by polling the bulk read for what changed — so 50 agents
 * take one propagation delay, not fifty. Each agent ends with a result and one audit entry.
 */
export async function runBulk(opts: BulkOptions): Promise<BulkResult[]> {
  const { deps } = opts;
  const limit = createLimiter(opts.concurrency ?? BULK_CONCURRENCY);
  const entries: Entry[] = opts.items.map((item) => ({ item }));
  const tally: BulkProgress = { done: 0, total: entries.length, verified: 0, failed: 0, skipped: 0 };
  opts.onProgress?.({ ...tally });
  const settle = async (e: Entry, result: BulkResult, outcome?: ChangeOutcome) => {
    e.result = result;
    tally.done += 1;
    if (['verified', 'already'].includes(result.outcome)) tally.verified += 1;
    else if (result.outcome === 'skipped') tally.skipped += 1;
    else tally.failed += 1;
    await e.held?.finish(
      outcome ? auditRecordOf(outcome) : { outcome: result.outcome, detail: result.detail },
    );
    opts.onProgress?.({ ...tally });
  };
  const fail = (e: Entry, err: unknown) =>
    settle(e, { agent: e.item, outcome: 'failed', detail: err instanceof Error ? err.message : String(err) });

  try {
    await mapBounded(entries, opts.concurrency ?? BULK_CONCURRENCY, async (e) => {
      const held = await beginChange(opts.recorder, e.item, opts.action);
      if ('kind' in held)
        await settle(e, {
          agent: e.item,
          outcome: 'skipped',
          detail: `already being changed by ${held.startedBy}`,
        });
      else e.held = held;
    });
    const live = () => entries.filter((e) => e.held && !e.result);
    const first = await limit(() => deps.cxone.getAllAgentStates());
    let cursor = first.lastPollTime;
    const byId = new Map(first.states.map((s) => [s.agentId, s]));
    await mapBounded(live(), opts.concurrency ?? BULK_CONCURRENCY, async (e) => {
      try {
        e.agent = await opts.agentOf(e.item);
        e.status = byId.get(e.agent.id) ?? loggedOut(e.agent.id, deps.clock.now());
        e.plan = await limit(() => opts.plan(e.agent as SessionAgent, e.status as AgentStatus));
        if (e.plan.kind !== 'plan') await settle(e, fromOutcome(e.item, e.plan), e.plan);
      } catch (err) {
        await fail(e, err);
      }
    });

    const steps = Math.max(0, ...live().map((e) => (e.plan?.kind === 'plan' ? e.plan.steps.length : 0)));
    for (let k = 0; k < steps; k++) {
      const due = live().filter(
        (e) => e.plan?.kind === 'plan' && e.plan.steps[k] && !e.plan.steps[k]!.until(e.status!),
      );
      await mapBounded(due, opts.concurrency ?? BULK_CONCURRENCY, async (e) => {
        const step = (e.plan as Extract<Plan, { kind: 'plan' }>).steps[k]!;
        e.sentAt ??= deps.clock.now();
        try {
          e.uncertain = await limit(() =>
            withRateLimitRetries(deps, () => sendTolerating(step.send, step.landed ? [step.landed] : [])),
          );
        } catch (err) {
          await fail(e, err);
        }
      });
      const checked = await verifyTogether(
        deps,
        limit,
        live().filter((e) => due.includes(e)),
        k,
        cursor,
      );
      cursor = checked.cursor;
      for (const { entry, outcome } of checked.missed)
        await settle(
          entry,
          {
            agent: entry.item,
            outcome: 'not_applied',
            ...(outcome.kind === 'not_applied'
              ? { detail: outcome.explanation, verifyMs: outcome.verifyMs }
              : {}),
          },
          outcome,
        );
    }
    for (const e of live()) {
      const plan = e.plan as Extract<Plan, { kind: 'plan' }>;
      const outcome = verified(deps, plan.agent, plan.change, e.status!, e.sentAt ?? deps.clock.now(), 0);
      await settle(
        e,
        {
          agent: e.item,
          outcome: 'verified',
          verifyMs: outcome.kind === 'verified' ? outcome.verifyMs : undefined,
        },
        outcome,
      );
    }
  } finally {
    // Nothing stays held: whatever did not finish (an unexpected failure above) is released as failed.
    for (const e of entries) if (e.held && !e.result) await fail(e, new Error('the bulk fix stopped early'));
  }
  return entries.map((e) => e.result as BulkResult);
}

/**
 * Polls the bulk read (only what changed since the cursor) until every agent shows step `k`, or the
 * window closes; those that never showed it end as not applied.
 */
async function verifyTogether(
  deps: SessionDeps,
  limit: Limiter,
  waiting: Entry[],
  k: number,
  cursor: string,
): Promise<{ cursor: string; missed: Array<{ entry: Entry; outcome: ChangeOutcome }> }> {
  const until = (e: Entry) => (e.plan as Extract<Plan, { kind: 'plan' }>).steps[k]!.until;
  let pending = waiting.filter((e) => !until(e)(e.status!));
  const startedAt = deps.clock.now();
  const deadline = startedAt + deps.verifyTimeoutMs;
  let delay = FIRST_POLL_DELAY_MS;
  while (pending.length > 0 && deps.clock.now() < deadline) {
    await deps.clock.sleep(Math.max(0, Math.min(delay, deadline - deps.clock.now())));
    delay = Math.min(delay * POLL_BACKOFF_FACTOR, MAX_POLL_DELAY_MS);
    try {
      const changed = await limit(() => deps.cxone.getAllAgentStates(cursor));
      cursor = changed.lastPollTime;
      const byId = new Map(changed.states.map((s) => [s.agentId, s]));
      for (const e of pending) e.status = byId.get(e.agent!.id) ?? e.status;
    } catch (err) {
      if (err instanceof RateLimitedError) delay = Math.max(delay, err.retryAfterMs ?? 0);
      else if (!(err instanceof UnavailableError)) throw err;
    }
    pending = pending.filter((e) => !until(e)(e.status!));
  }
  const missed: Array<{ entry: Entry; outcome: ChangeOutcome }> = [];
  for (const entry of pending) {
    const plan = entry.plan as Extract<Plan, { kind: 'plan' }>;
    const outcome = await notApplied(
      deps,
      plan.agent,
      plan.change,
      entry.sentAt ?? startedAt,
      0,
      entry.status as AgentStatus,
      entry.uncertain,
      deps.verifyTimeoutMs,
    );
    missed.push({ entry, outcome });
  }
  return { cursor, missed };
}

function fromOutcome(item: BulkItem, o: Extract<ChangeOutcome, { kind: 'already' | 'refused' }>): BulkResult {
  return o.kind === 'refused'
    ? { agent: item, outcome: 'refused', detail: o.message }
    : { agent: item, outcome: 'already' };
}

/** An agent the bulk read does not list has no session. */
function loggedOut(agentId: string, now: number): AgentStatus {
  return { agentId, state: 'LoggedOut', kind: 'logged_out', since: new Date(now) };
}

async function withRateLimitRetries<T>(deps: SessionDeps, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof RateLimitedError) || attempt >= MAX_RATE_LIMIT_RETRIES) throw err;
      await deps.clock.sleep(err.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    }
  }
}
