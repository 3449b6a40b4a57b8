import { isCxoneError, RateLimitedError } from '../../cxone/errors';
import type { DropNotice, KnownAgentStates, Subscription } from '../../store/port';
import type { Clock } from '../ports';
import { type DeliveryOutcome, deliver } from './deliver';
import type { WatchDialect } from './dialect';
import { diffStates, type StateDiff } from './diff';
import { countCalls, createStateFetcher, type FetchedStates } from './fetch-states';
import { noticeKey, planDeliveries } from './plan';
import type {
  CycleReport,
  NoticeSink,
  RunCycleOptions,
  WatchEngine,
  WatchLogger,
  WatchStore,
  WatchTuning,
} from './types';

export const DEFAULT_PER_AGENT_CONCURRENCY = 8;
export const DEFAULT_FALLBACK_MS = 10 * 60_000;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** When a 429 carries no Retry-After. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5_000;
export const DEFAULT_NEW_AGENT_READ_LIMIT = 25;

export interface CycleEngineOptions<S, D, R> extends WatchTuning {
  dialect: WatchDialect<S, D, R>;
  store: WatchStore;
  notifier: NoticeSink<D, R>;
  clock: Clock;
  logger: WatchLogger;
}

/**
 * One watch cycle, for any dialect, in an order chosen so that dying at any step loses nothing and
 * repeats nothing:
 *
 *  1. Read subscriptions, open notices, last-known states and the cursor. (No writes yet.)
 *  2. Read CXone. Any failure ends the cycle here: the cursor has not moved, so the next cycle re-reads
 *     the same changes.
 *  3. Claim a notice for each channel watching a dropped agent — *before* saving states. Once the new
 *     states are saved the agent is "known to be out" and no later diff would see the drop again, so
 *     the claim must already be durable. Claims are idempotent (one open notice per channel and agent),
 *     so a cycle that dies here and runs again claims nothing new.
 *  4. Save states and cursor in one transaction.
 *  5. Deliver what the open notices call for (see plan.ts), recording each step only after the notifier
 *     succeeded: post → attach ts; reply → resolve. A notice not yet recorded as done is planned again by
 *     the next cycle, from the store, whatever this cycle did.
 *
 * The one window no ordering closes: the process dying after Slack accepted a message and before the store
 * recorded it (one local write). We then post again rather than stay silent, and mark the event
 * `redelivery` so the notifier can check for its earlier message.
 *
 * What a drop is, how CXone is read and what the events say is the dialect's (dialect.ts).
 */
export function createCycleEngine<S, D, R>(opts: CycleEngineOptions<S, D, R>): WatchEngine {
  const { store, notifier, clock, logger, dialect } = opts;
  const fetcher = createStateFetcher({
    clock,
    logger,
    concurrency: opts.perAgentConcurrency ?? DEFAULT_PER_AGENT_CONCURRENCY,
    fallbackMs: opts.fallbackMs ?? DEFAULT_FALLBACK_MS,
    newAgentReadLimit: opts.newAgentReadLimit ?? DEFAULT_NEW_AGENT_READ_LIMIT,
  });
  const maxWaitMs = opts.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  let running: Promise<CycleReport> | undefined;

  async function cycle(signal: AbortSignal | undefined): Promise<CycleReport> {
    const startedAt = clock.now();
    const subscriptions = await store.subscriptions.listAll();
    const watched = [...new Set(subscriptions.map((s) => s.agentId))];
    if (watched.length === 0) {
      await tidyIdle(startedAt);
      return skipped(0, 0, 'nothing watched');
    }

    const [stored, cursor, open] = await Promise.all([
      store.watcher.getStates(),
      store.watcher.getCursor(),
      store.watcher.openDrops(),
    ]);
    const known = decodeKnown(stored, dialect);
    const readable = new Set([...known].filter(([, s]) => s !== undefined).map(([id]) => id));
    const { reader, calls } = countCalls(dialect.reader);
    let fetched: FetchedStates<S>;
    try {
      fetched = await fetcher.fetch(reader, { watched, known: readable, cursor });
    } catch (err) {
      return cxoneFailure(err, watched.length, calls(), signal);
    }
    if (signal?.aborted) return skipped(watched.length, calls(), 'stopped');

    const now = new Date(clock.now());
    const diff = diffStates({ watched, known, fetched: fetched.states, now, dialect });
    // Claim first, then save: see step 3 above.
    const claimed = await store.watcher.claimDrops(dropClaims(diff.dropped, subscriptions, now, dialect));
    const forget = forgettable(diff.forget, stored, startedAt);
    await store.watcher.saveStates({ upsert: diff.upsert, forget, cursor: fetched.cursor });
    if (signal?.aborted) return skipped(watched.length, calls(), 'stopped');

    const outcome = await notify({ subscriptions, open, claimed, diff, now });
    return {
      mode: fetched.mode,
      watched: watched.length,
      changed: diff.changed,
      drops: diff.dropped.length,
      returns: outcome.returnedAgents.size,
      notifications: outcome.notifications,
      undelivered: outcome.undelivered,
      cxoneCalls: calls(),
    };
  }

  async function notify(input: {
    subscriptions: readonly Subscription[];
    open: readonly DropNotice[];
    claimed: readonly DropNotice[];
    diff: StateDiff<S>;
    now: Date;
  }): Promise<DeliveryOutcome> {
    const { diff, now } = input;
    const subscribed = new Map(input.subscriptions.map((s) => [noticeKey(s.channelId, s.agentId), s]));
    const plan = planDeliveries({
      open: input.open,
      claimed: input.claimed,
      current: diff.current,
      isIn: (s: S) => dialect.isIn(s),
      subscribed,
    });
    return deliver(plan, {
      store,
      notifier,
      logger,
      now,
      subscribed,
      current: diff.current,
      previous: new Map(diff.dropped.map((d) => [d.agentId, d.previous])),
      events: await dialect.events(plan),
    });
  }

  /**
   * Nobody watches anyone: what the watcher remembers would be stale by the next watch, and open notices
   * have no channel to answer any more — as a cycle with subscriptions does for the agents it no longer
   * watches (diff.ts, plan.ts).
   */
  async function tidyIdle(startedAt: number): Promise<void> {
    const [stored, open] = await Promise.all([store.watcher.getStates(), store.watcher.openDrops()]);
    const forget = forgettable([...stored.keys()], stored, startedAt);
    if (forget.length) await store.watcher.saveStates({ upsert: [], forget });
    const keys = open.map(({ channelId, agentId }) => ({ channelId, agentId }));
    if (keys.length) await store.watcher.resolveDropNotices(keys, new Date(clock.now()));
  }

  /** 429: honour Retry-After (bounded), then give up this cycle; the cursor stays, so the next one catches up. */
  async function cxoneFailure(err: unknown, watched: number, cxoneCalls: number, signal?: AbortSignal) {
    if (!isCxoneError(err)) throw err;
    if (err instanceof RateLimitedError) {
      const waitMs = Math.min(err.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, maxWaitMs);
      logger.warn({ waitMs, requestId: err.requestId }, 'watch: CXone rate limited the cycle; waiting');
      const started = clock.now();
      await clock.sleep(waitMs, signal).catch(() => undefined); // aborted: stop waiting, still skip
      return { ...skipped(watched, cxoneCalls, 'rate limited by CXone'), waitedMs: clock.now() - started };
    }
    logger.warn({ err, code: err.code }, 'watch: CXone read failed; cycle skipped');
    return skipped(watched, cxoneCalls, `${err.code}: ${err.message}`);
  }

  return {
    runCycle({ signal }: RunCycleOptions = {}) {
      // Overlapping cycles would claim and post against the same snapshot; callers share the running one.
      running ??= cycle(signal).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

function skipped(watched: number, cxoneCalls: number, reason: string): CycleReport {
  return {
    mode: 'skipped',
    watched,
    changed: 0,
    drops: 0,
    returns: 0,
    notifications: 0,
    undelivered: 0,
    cxoneCalls,
    reason,
  };
}

/**
 * Records of agents this cycle did not see watched, except those written after it read the subscriptions:
 * a `/agentstate watch` that subscribed and recorded its baseline meanwhile must keep that baseline.
 */
function forgettable(
  unwatched: readonly string[],
  stored: ReadonlyMap<string, KnownAgentStates>,
  startedAt: number,
): string[] {
  return unwatched.filter((id) => (stored.get(id)?.updatedAt.getTime() ?? 0) <= startedAt);
}

/** Every stored record, read by the dialect; `undefined` where it cannot (see WatchDialect.decode). */
function decodeKnown<S>(
  stored: ReadonlyMap<string, KnownAgentStates>,
  dialect: Pick<WatchDialect<S, unknown, unknown>, 'decode'>,
): Map<string, S | undefined> {
  const known = new Map<string, S | undefined>();
  for (const [agentId, record] of stored) known.set(agentId, dialect.decode(record.states));
  return known;
}

function dropClaims<S>(
  dropped: ReadonlyArray<{ agentId: string; previous: S }>,
  subscriptions: readonly Subscription[],
  droppedAt: Date,
  dialect: Pick<WatchDialect<S, unknown, unknown>, 'lastSkill'>,
) {
  const channelsOf = new Map<string, string[]>();
  for (const s of subscriptions)
    channelsOf.set(s.agentId, [...(channelsOf.get(s.agentId) ?? []), s.channelId]);
  return dropped.flatMap(({ agentId, previous }) => {
    const lastSkill = dialect.lastSkill(previous);
    return (channelsOf.get(agentId) ?? []).map((channelId) => ({ channelId, agentId, lastSkill, droppedAt }));
  });
}
