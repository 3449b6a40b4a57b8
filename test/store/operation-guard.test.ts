import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultStaleAfterMs, recoverStaleOperations } from '../../src/agentstate/recovery';
import { createStoreOperationGuard, openStore, type Store } from '../../src/store';
import { OperationHandedOverError } from '../../src/store/operation-guard';

const ANA = '11111111-1111-1111-1111-111111111111';
const VERIFY = 15_000;
const STALE = defaultStaleAfterMs(VERIFY);

/**
 * The durable guard on a SQLite file, its heartbeats on jest's fake timers; the store reads the same faked
 * Date.now, so minutes of running pass in microseconds.
 */
describe('the durable operation guard', () => {
  let dir: string;
  let stores: Store[];
  const open = async () => {
    const store = await openStore(`sqlite:${join(dir, 'ops.db')}`, { now: () => Date.now() });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    dir = mkdtempSync(join(tmpdir(), 'agentstate-guard-'));
    stores = [];
  });
  afterEach(async () => {
    jest.useRealTimers();
    await Promise.all(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('when an operation runs longer than the stale threshold, then no sweep of this or another process takes it over', async () => {
    const store = await open();
    const guard = createStoreOperationGuard(store, { owner: 'host:3000/me' });
    const op = await guard.begin(ANA, 'login', 'U1');
    if (!op.ok) throw new Error('expected to begin');
    const reported: string[] = [];
    const sweep = (owner: string) =>
      recoverStaleOperations({
        operations: store.operations,
        owner,
        staleAfterMs: STALE,
        deps: { clock: { now: Date.now, sleep: async () => {} }, verifyTimeoutMs: VERIFY },
        onFinished: async (o) => {
          reported.push(o.id);
        },
      });

    for (let t = 0; t < 3 * STALE; t += 5_000) {
      await jest.advanceTimersByTimeAsync(5_000);
      // This process, a sibling with the same host name and port, and another replica all sweep.
      for (const owner of ['host:3000/me', 'host:3000/sibling', 'other:3000/x']) await sweep(owner);
    }

    expect(reported).toEqual([]);
    expect(op.signal?.aborted).toBe(false);
    await op.end('verified');
    expect((await store.operations.get(op.id))?.outcome).toBe('verified');
  });

  it('when another process takes the operation over, then its signal aborts so it stops before reporting', async () => {
    const store = await open();
    const guard = createStoreOperationGuard(store, { owner: 'host:3000/slow', heartbeatMs: 2_000 });
    const op = await guard.begin(ANA, 'login', 'U1');
    if (!op.ok) throw new Error('expected to begin');
    // As if its beats had not got through for a while (a database outage): someone else claimed it.
    await store.operations.release(op.id, 'host:3000/slow');
    await store.operations.claimStale(STALE, 'other:3000/x');

    await jest.advanceTimersByTimeAsync(2_000);

    expect(op.signal?.aborted).toBe(true);
    expect(op.signal?.reason).toBeInstanceOf(OperationHandedOverError);
  });

  describe('stopping', () => {
    it('when the operations end within the grace period, then drain waits for them and leaves nothing behind', async () => {
      const store = await open();
      const guard = createStoreOperationGuard(store, { owner: 'host:3000/me' });
      const op = await guard.begin(ANA, 'login', 'U1');
      if (!op.ok) throw new Error('expected to begin');
      setTimeout(() => void op.end('verified'), 3_000);

      const drained = guard.drain(8_000);
      await jest.advanceTimersByTimeAsync(3_000);

      await expect(drained).resolves.toEqual({ leftToRecovery: 0 });
      expect(op.signal?.aborted).toBe(false);
      expect((await store.operations.get(op.id))?.outcome).toBe('verified');
    });

    it('when an operation outlasts the grace period, then it is told to stop, and its released claim goes to the next sweep', async () => {
      const store = await open();
      const guard = createStoreOperationGuard(store, { owner: 'host:3000/me' });
      const op = await guard.begin(ANA, 'login', 'U1');
      if (!op.ok) throw new Error('expected to begin');
      // What run-change does when the signal aborts: no result, no audit, hand it to recovery.
      op.signal?.addEventListener('abort', () => void op.abandon?.());

      const drained = guard.drain(8_000);
      await jest.advanceTimersByTimeAsync(8_000);

      await expect(drained).resolves.toEqual({ leftToRecovery: 1 });
      expect(op.signal?.reason).toBeInstanceOf(OperationHandedOverError);
      expect((await store.operations.get(op.id))?.finishedAt).toBeUndefined();
      const next = await open();
      expect((await next.operations.claimOrphaned('host:3000/restarted', 10_000)).map((o) => o.id)).toEqual([
        op.id,
      ]);
      await expect(guard.begin(ANA, 'logout', 'U2')).rejects.toThrow(/shutting down/);
    });
  });
});
