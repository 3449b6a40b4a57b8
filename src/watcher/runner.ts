import { type Clock, systemClock } from '../agentstate/ports';
import type { CycleReport, WatchEngine, WatchLogger } from '../agentstate/watch';
import type { LeaseStore } from '../store/port';

export const WATCHER_LEASE = 'watcher';
/** A lease shorter than this would expire on an ordinary GC pause or a slow database round trip. */
export const MIN_LEASE_TTL_MS = 5_000;

export interface WatcherRunnerOptions {
  engine: Pick<WatchEngine, 'runCycle'>;
  store: { leases: Pick<LeaseStore, 'tryAcquire' | 'release'> };
  /** Unique per replica (e.g. hostname + pid + random), so a restarted process is a new holder. */
  holderId: string;
  /** WATCH_INTERVAL_MS: how often the lease is renewed and a cycle started. */
  intervalMs: number;
  /** Default: twice the interval, at least MIN_LEASE_TTL_MS. */
  leaseTtlMs?: number;
  clock?: Clock;
  logger: WatchLogger;
  onCycle?: (report: CycleReport) => void;
}

export interface StopOptions {
  /**
   * Default true: give the lease up so another replica takes over at its next tick. False leaves it to
   * expire, as a killed process would (tests use it to rehearse failover).
   */
  releaseLease?: boolean;
}

export interface WatcherRunner {
  start(): void;
  /** Stops ticking, waits for a running cycle (its 429 wait is cut short), then releases the lease. */
  stop(opts?: StopOptions): Promise<void>;
  isLeader(): boolean;
  /** Called with every finished cycle's report; may be set after creation. */
  onCycle?: (report: CycleReport) => void;
}

/**
 * Runs the watch engine on exactly one replica. Every interval each replica tries to acquire or renew the
 * `watcher` lease; only the holder starts a cycle, and never while its previous one still runs. The tick
 * keeps renewing during a long cycle, so a slow cycle does not hand the lease away. A replica that dies
 * stops renewing: its lease expires after `leaseTtlMs` and another replica's next tick takes it — within
 * one TTL plus one interval, i.e. within two lease periods.
 *
 * A replica that fails to renew (lost to another holder, or the database unreachable) treats itself as a
 * follower at once and aborts its running cycle at the next safe point (see the engine's step order), so
 * two replicas never write a cycle's results at the same time for longer than one step.
 */
export function createWatcherRunner(opts: WatcherRunnerOptions): WatcherRunner {
  const clock = opts.clock ?? systemClock;
  const ttlMs = opts.leaseTtlMs ?? Math.max(2 * opts.intervalMs, MIN_LEASE_TTL_MS);
  const { leases } = opts.store;
  const log = opts.logger;
  let leader = false;
  let loop: Promise<void> | undefined;
  let stopping: AbortController | undefined;
  let cycle: { done: Promise<void>; abort: AbortController } | undefined;

  async function renewLease(): Promise<void> {
    let held = false;
    try {
      held = await leases.tryAcquire(WATCHER_LEASE, opts.holderId, ttlMs);
    } catch (err) {
      log.warn({ err }, 'watcher: lease check failed; acting as follower');
    }
    if (held && !leader)
      log.info({ holderId: opts.holderId, ttlMs }, 'watcher: lease acquired; running cycles');
    if (!held && leader) {
      log.warn({ holderId: opts.holderId }, 'watcher: lease lost; stopping cycles');
      cycle?.abort.abort();
    }
    leader = held;
  }

  function startCycle(): void {
    const abort = new AbortController();
    const done = opts.engine
      .runCycle({ signal: abort.signal })
      .then((report) => runner.onCycle?.(report))
      .catch((err) => log.error({ err }, 'watcher: cycle failed'))
      .finally(() => {
        cycle = undefined;
      });
    cycle = { done, abort };
  }

  async function run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await renewLease();
      if (leader && !cycle && !signal.aborted) startCycle();
      await clock.sleep(opts.intervalMs, signal).catch(() => undefined);
    }
  }

  const runner: WatcherRunner = {
    onCycle: opts.onCycle,
    start() {
      if (loop) return;
      stopping = new AbortController();
      loop = run(stopping.signal);
    },
    async stop({ releaseLease = true } = {}) {
      stopping?.abort();
      await loop;
      loop = undefined;
      cycle?.abort.abort();
      await cycle?.done;
      if (leader && releaseLease) {
        await leases.release(WATCHER_LEASE, opts.holderId).catch((err) => {
          log.warn({ err }, 'watcher: could not release the lease; it will expire');
        });
      }
      leader = false;
    },
    isLeader: () => leader,
  };
  return runner;
}
