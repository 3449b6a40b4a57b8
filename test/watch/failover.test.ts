import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine } from '../../src/agentstate/watch';
import { openStore, type Store } from '../../src/store';
import { createWatcherRunner, type WatcherRunner } from '../../src/watcher';
import { type Backend, POSTGRES_URL, postgres, sqlite } from '../store/harness';
import { agent, RecordingNotifier, TenantStates, watch } from './fakes';
import { silentLogger } from './harness';

const INTERVAL_MS = 40;
const TTL_MS = 300;
const X = agent(1);
const Y = agent(2);

async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const backends: Backend[] = [sqlite, ...(POSTGRES_URL ? [postgres(POSTGRES_URL)] : [])];

/** Two app replicas with real engines on one database, one CXone tenant and one Slack workspace. */
describe.each(backends.map((b) => [b.kind, b] as const))('watcher failover on %s', (_kind, backend) => {
  let cxone: TenantStates;
  let slack: RecordingNotifier;
  let stores: Store[] = [];
  let runners: WatcherRunner[] = [];
  let drop: (() => Promise<void>) | undefined;

  async function replica(url: string, holderId: string): Promise<WatcherRunner> {
    const store = await openStore(url);
    stores.push(store);
    const engine = createWatchEngine({
      cxone,
      store,
      notifier: slack,
      clock: systemClock,
      logger: silentLogger,
    });
    const runner = createWatcherRunner({
      engine,
      store,
      holderId,
      intervalMs: INTERVAL_MS,
      leaseTtlMs: TTL_MS,
      logger: silentLogger,
    });
    runners.push(runner);
    return runner;
  }

  beforeEach(() => {
    cxone = new TenantStates();
    slack = new RecordingNotifier();
  });

  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await drop?.();
    stores = [];
    runners = [];
  });

  it('when the watching replica is killed, the other one carries on without losing or repeating a notice', async () => {
    const db = await backend.create();
    drop = db.drop;
    cxone.login(X);
    cxone.login(Y);
    const a = await replica(db.url, 'replica-a');
    await watch(stores[0]!, 'C1', X);
    await watch(stores[0]!, 'C1', Y);
    let aCycles = 0;
    a.onCycle = () => aCycles++;
    a.start();
    await eventually(() => aCycles > 0, 5_000, 'the baseline cycle on replica-a');
    const b = await replica(db.url, 'replica-b');
    const bNotifications: number[] = [];
    b.onCycle = (r) => bNotifications.push(r.notifications);
    b.start();

    cxone.logout(X);
    await eventually(() => slack.posted.length === 1, 5_000, 'the drop of X');
    await a.stop({ releaseLease: false });

    cxone.logout(Y); // while nobody leads
    cxone.login(X);
    await eventually(() => b.isLeader(), 2 * TTL_MS + 500, 'replica-b to lead');
    await eventually(
      () => slack.posted.length === 2 && slack.returnedCalls.length === 1,
      5_000,
      'B to catch up',
    );
    const caughtUpAt = bNotifications.length;
    await eventually(() => bNotifications.length >= caughtUpAt + 3, 5_000, 'three more cycles on replica-b');

    expect(slack.posted.map((p) => p.agentId)).toEqual([X, Y]);
    expect(slack.returnedCalls).toEqual([
      {
        channelId: 'C1',
        returns: [expect.objectContaining({ agentId: X, messageTs: slack.posted[0]!.messageTs })],
      },
    ]);
    // B's notifier calls: Y's drop and X's return, once each, whatever cycles they fell in.
    expect(bNotifications.reduce((a, n) => a + n, 0)).toBe(2);
  });
});

if (!POSTGRES_URL) {
  console.warn(
    '[watcher failover] PostgreSQL half SKIPPED: TEST_POSTGRES_URL is not set. Only SQLite was tested.',
  );
  describe('watcher failover on postgres', () => {
    it.skip('runs only when TEST_POSTGRES_URL points at a PostgreSQL database', () => undefined);
  });
}
