import type { Store } from '../../src/store';
import { agent, watch } from './fakes';
import { type EngineHarness, engineHarness } from './harness';

const ANA = agent(1);

type WatcherMethod = keyof Store['watcher'];

/** The store, where chosen watcher methods can be made to fail once — like the process dying at that step. */
function crashable(store: Store) {
  const armed = new Set<WatcherMethod>();
  const watcher = new Proxy(store.watcher, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (armed.delete(prop as WatcherMethod)) return Promise.reject(new Error(`crash in ${String(prop)}`));
        return value.apply(target, args);
      };
    },
  });
  return { store: { ...store, watcher }, crashAt: (method: WatcherMethod) => armed.add(method) };
}

describe('watch engine: a failed or interrupted cycle never loses nor repeats a notice', () => {
  let h: EngineHarness;
  let crashAt: (method: WatcherMethod) => void;

  /** Ana logged in, watched in C1, baseline taken. */
  async function baseline() {
    const base = await engineHarness();
    const crash = crashable(base.store);
    crashAt = crash.crashAt;
    h = await engineHarness({ store: crash.store });
    h.cxone.login(ANA);
    await watch(h.store, 'C1', ANA);
    await h.engine.runCycle();
  }

  afterEach(() => h.store.close());

  it('when posting fails, then the next cycle posts the same notice once, flagged as a redelivery', async () => {
    await baseline();
    h.cxone.logout(ANA);
    h.notifier.failDropped = new Error('slack down');
    const failed = await h.engine.runCycle();
    expect(failed).toMatchObject({ drops: 1, notifications: 0, undelivered: 1 });

    h.notifier.failDropped = undefined;
    const retried = await h.engine.runCycle();
    await h.engine.runCycle();

    expect(retried).toMatchObject({ drops: 0, notifications: 1, undelivered: 0 });
    expect(h.notifier.posted).toHaveLength(1);
    expect(h.notifier.droppedCalls.at(-1)?.drops).toEqual([
      expect.objectContaining({ agentId: ANA, redelivery: true, previousStates: [] }),
    ]);
  });

  it.each<[string, WatcherMethod]>([
    ['claiming the notice', 'claimDrops'],
    ['saving the new states', 'saveStates'],
  ])(
    'when the cycle dies while %s, then the next cycle posts the drop exactly once',
    async (_step, method) => {
      await baseline();
      crashAt(method);
      const cursor = await h.store.watcher.getCursor();
      h.cxone.logout(ANA);

      await expect(h.engine.runCycle()).rejects.toThrow(`crash in ${method}`);
      expect(await h.store.watcher.getCursor()).toBe(cursor);
      await h.engine.runCycle();
      await h.engine.runCycle();

      expect(h.notifier.posted).toEqual([expect.objectContaining({ channelId: 'C1', agentId: ANA })]);
    },
  );

  it('when the cycle dies after Slack took the notice but before its ts was saved, then the retry is flagged so the notifier finds its message instead of posting again', async () => {
    await baseline();
    crashAt('attachDropMessages');
    h.cxone.logout(ANA);

    await expect(h.engine.runCycle()).rejects.toThrow('crash in attachDropMessages');
    await h.engine.runCycle();
    h.cxone.login(ANA);
    await h.engine.runCycle();

    expect(h.notifier.droppedCalls.map((c) => c.drops[0]!.redelivery ?? false)).toEqual([false, true]);
    expect(h.notifier.posted).toHaveLength(1);
    expect(h.notifier.returnedCalls[0]?.returns[0]?.messageTs).toBe(h.notifier.posted[0]!.messageTs);
  });

  it('when the cycle dies before posting and the agent is back by the next cycle, then nothing is posted at all', async () => {
    await baseline();
    crashAt('saveStates');
    h.cxone.logout(ANA);
    await expect(h.engine.runCycle()).rejects.toThrow();

    h.cxone.login(ANA);
    await h.engine.runCycle();

    expect(h.notifier.droppedCalls).toEqual([]);
    expect(h.notifier.returnedCalls).toEqual([]);
    expect(await h.store.watcher.openDrops()).toEqual([]);
  });

  it('when the "back" reply fails, then the next cycle replies once in the same thread', async () => {
    await baseline();
    h.cxone.logout(ANA);
    await h.engine.runCycle();
    h.cxone.login(ANA);
    h.notifier.failReturned = new Error('slack down');
    expect(await h.engine.runCycle()).toMatchObject({ returns: 1, notifications: 0, undelivered: 1 });

    h.notifier.failReturned = undefined;
    expect(await h.engine.runCycle()).toMatchObject({ returns: 1, notifications: 1 });
    await h.engine.runCycle();

    expect(h.notifier.returnedCalls).toHaveLength(2); // one failed, one delivered, none after
    expect(await h.store.watcher.openDrops()).toEqual([]);
  });

  it('when the cycle is stopped after reading CXone, then nothing is written and the next cycle reports the drop', async () => {
    await baseline();
    const cursor = await h.store.watcher.getCursor();
    h.cxone.logout(ANA);
    const controller = new AbortController();
    const read = h.cxone.getAllAgentStates.bind(h.cxone);
    jest.spyOn(h.cxone, 'getAllAgentStates').mockImplementationOnce(async (since) => {
      const page = await read(since);
      controller.abort();
      return page;
    });

    expect(await h.engine.runCycle({ signal: controller.signal })).toMatchObject({
      mode: 'skipped',
      reason: 'stopped',
    });
    expect(await h.store.watcher.getCursor()).toBe(cursor);
    await h.engine.runCycle();
    expect(h.notifier.posted).toHaveLength(1);
  });

  it('when two callers ask for a cycle at once, then one cycle runs and both get its report', async () => {
    await baseline();
    h.cxone.logout(ANA);
    const [a, b] = await Promise.all([h.engine.runCycle(), h.engine.runCycle()]);
    expect(a).toBe(b);
    expect(h.notifier.droppedCalls).toHaveLength(1);
  });
});
