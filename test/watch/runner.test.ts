import type { CycleReport, WatchEngine } from '../../src/agentstate/watch';
import { openStore, type Store } from '../../src/store';
import { createWatcherRunner, type WatcherRunner } from '../../src/watcher';
import { type Backend, POSTGRES_URL, postgres, sqlite } from '../store/harness';
import { silentLogger } from './harness';

const INTERVAL_MS = 40;
const TTL_MS = 300;

const report: CycleReport = {
  mode: 'bulk',
  watched: 1,
  changed: 0,
  drops: 0,
  returns: 0,
  notifications: 0,
  undelivered: 0,
  cxoneCalls: 1,
};

/** An engine that records who ran a cycle and whether two cycles ever overlapped (across replicas too). */
class CycleLog {
  running = 0;
  maxRunning = 0;
  readonly ranBy: string[] = [];
  cycleMs = 0;

  engine(holder: string): Pick<WatchEngine, 'runCycle'> {
    return {
      runCycle: async () => {
        this.running++;
        this.maxRunning = Math.max(this.maxRunning, this.running);
        this.ranBy.push(holder);
        await new Promise((resolve) => setTimeout(resolve, this.cycleMs));
        this.running--;
        return report;
      },
    };
  }
}

async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

const backends: Backend[] = [sqlite, ...(POSTGRES_URL ? [postgres(POSTGRES_URL)] : [])];

describe.each(backends.map((b) => [b.kind, b] as const))('watcher runner on %s', (_kind, backend) => {
  let stores: Store[];
  let runners: WatcherRunner[];
  let drop: () => Promise<void>;
  let log: CycleLog;

  /** One replica: its own store connection to the shared database, its own runner. */
  async function replica(url: string, holderId: string, ttlMs = TTL_MS): Promise<WatcherRunner> {
    const store = await openStore(url);
    stores.push(store);
    const runner = createWatcherRunner({
      engine: log.engine(holderId),
      store,
      holderId,
      intervalMs: INTERVAL_MS,
      leaseTtlMs: ttlMs,
      logger: silentLogger,
    });
    runners.push(runner);
    return runner;
  }

  async function twoReplicas(): Promise<[WatcherRunner, WatcherRunner, Store]> {
    const db = await backend.create();
    drop = db.drop;
    const a = await replica(db.url, 'replica-a');
    a.start();
    await eventually(() => a.isLeader(), 2_000, 'replica-a to lead');
    const b = await replica(db.url, 'replica-b');
    b.start();
    return [a, b, stores[0]!];
  }

  beforeEach(() => {
    stores = [];
    runners = [];
    log = new CycleLog();
  });

  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await drop?.();
  });

  it('with two replicas on one database, exactly one leads and only it runs cycles, never two at once', async () => {
    log.cycleMs = INTERVAL_MS * 3; // longer than the interval: the leader must not start overlapping cycles
    const [a, b, store] = await twoReplicas();
    await eventually(() => log.ranBy.length >= 4, 5_000, 'four cycles');

    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    expect(new Set(log.ranBy)).toEqual(new Set(['replica-a']));
    expect(log.maxRunning).toBe(1);
    expect((await store.leases.current('watcher'))?.holder).toBe('replica-a');
  });

  it('when the leader dies without releasing the lease, then the other replica takes over within two lease periods', async () => {
    const [a, b] = await twoReplicas();
    await eventually(() => log.ranBy.length >= 1, 2_000, 'a first cycle');

    await a.stop({ releaseLease: false }); // like SIGKILL: the lease stays until it expires
    const tookMs = await eventually(() => b.isLeader(), 2 * TTL_MS + 500, 'replica-b to lead');
    const cyclesBefore = log.ranBy.length;
    await eventually(() => log.ranBy.length > cyclesBefore, 2_000, 'a cycle on replica-b');

    expect(tookMs).toBeLessThanOrEqual(2 * TTL_MS);
    expect(log.ranBy.at(-1)).toBe('replica-b');
  });

  it('when the leader stops gracefully, then it releases the lease and the other replica takes over at its next tick', async () => {
    const [a, b, store] = await twoReplicas();

    await a.stop();
    expect(a.isLeader()).toBe(false);
    const tookMs = await eventually(() => b.isLeader(), TTL_MS, 'replica-b to lead');

    expect(tookMs).toBeLessThan(TTL_MS); // no waiting for expiry
    expect((await store.leases.current('watcher'))?.holder).toBe('replica-b');
  });
});

if (!POSTGRES_URL) {
  console.warn(
    '[watcher runner] PostgreSQL half SKIPPED: TEST_POSTGRES_URL is not set ' +
      '(e.g. TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test). Only SQLite was tested.',
  );
  describe('watcher runner on postgres', () => {
    it.skip('runs only when TEST_POSTGRES_URL points at a PostgreSQL database', () => undefined);
  });
}

describe('watcher runner lifecycle', () => {
  it('stop waits for the running cycle, then releases the lease', async () => {
    const store = await openStore('sqlite::memory:');
    let finish: () => void = () => undefined;
    const events: string[] = [];
    const runner = createWatcherRunner({
      engine: {
        runCycle: () =>
          new Promise<CycleReport>((resolve) => {
            events.push('cycle started');
            finish = () => {
              events.push('cycle finished');
              resolve(report);
            };
          }),
      },
      store,
      holderId: 'solo',
      intervalMs: INTERVAL_MS,
      logger: silentLogger,
      onCycle: () => events.push('reported'),
    });
    try {
      runner.start();
      await eventually(() => events.length === 1, 2_000, 'a cycle to start');
      const stopped = runner.stop().then(() => events.push('stopped'));
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 2));
      expect(events).toEqual(['cycle started']);

      finish();
      await stopped;
      expect(events).toEqual(['cycle started', 'cycle finished', 'reported', 'stopped']);
      expect(await store.leases.current('watcher')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('defaults the lease to twice the interval, never below 5 s', async () => {
    const store = await openStore('sqlite::memory:');
    const acquire = jest.spyOn(store.leases, 'tryAcquire');
    const engine = { runCycle: async () => report };
    try {
      for (const intervalMs of [1_000, 15_000]) {
        const runner = createWatcherRunner({
          engine,
          store,
          holderId: 'x',
          intervalMs,
          logger: silentLogger,
        });
        runner.start();
        await eventually(() => runner.isLeader(), 2_000, 'the lease');
        await runner.stop();
      }
      expect(acquire.mock.calls.map((c) => c[2])).toEqual([5_000, 30_000]);
    } finally {
      await store.close();
    }
  });
});
