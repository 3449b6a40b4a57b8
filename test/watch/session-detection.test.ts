import { recordSessionBaseline } from '../../src/agentstate/watch';
import { RateLimitedError } from '../../src/cxone/errors';
import type { Store } from '../../src/store';
import { loggedIn, watch } from './fakes';
import { type SessionEngineHarness, sessionEngineHarness } from './session-fakes';

/** The watcher on a real tenant (incontact): one state per agent; a drop is a watched agent going LoggedOut. */

const ANA = '1001';
const BO = '1002';
const CY = '1003';

describe('incontact watch: drops and returns', () => {
  let h: SessionEngineHarness;

  /** The agents in the given state, watched in C1 by name, one cycle run for the baseline. */
  async function start(
    state: Parameters<SessionEngineHarness['cxone']['set']>[1] = 'Available',
    ...ids: string[]
  ) {
    h = await sessionEngineHarness();
    for (const id of ids.length ? ids : [ANA]) {
      h.cxone.set(id, state);
      await watch(h.store, 'C1', id, `Agent ${id}`);
    }
    await h.engine.runCycle();
  }

  afterEach(() => h.store.close());

  it('when a watched agent logs out, then one notice names the agent and the state it left', async () => {
    await start('Unavailable');
    h.cxone.logOut(ANA);

    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ mode: 'bulk', drops: 1, notifications: 1, undelivered: 0 });
    expect(h.notifier.droppedCalls).toEqual([
      {
        channelId: 'C1',
        drops: [
          expect.objectContaining({
            agentId: ANA,
            agentName: `Agent ${ANA}`,
            previous: expect.objectContaining({ state: 'Unavailable' }),
          }),
        ],
      },
    ]);
    const [event] = h.notifier.droppedCalls[0]!.drops;
    expect(event!.redelivery).toBeUndefined();
    // When CXone says the session ended, not when the poll noticed.
    expect(event!.loggedOutAt).toEqual((await h.cxone.getAgentState(ANA)).since);
    const [notice] = await h.store.watcher.openDrops({ channelId: 'C1' });
    expect(notice).toMatchObject({ agentId: ANA, messageTs: h.notifier.posted[0]!.messageTs });
  });

  it.each(['Available', 'Unavailable', 'InboundContact', 'OutboundConsult', 'LoggedIn'] as const)(
    'a drop from %s is reported',
    async (state) => {
      await start(state);
      h.cxone.logOut(ANA);
      expect(await h.engine.runCycle()).toMatchObject({ drops: 1 });
    },
  );

  it('when the agent is back in a session, then the notice gets its return, once, and is resolved', async () => {
    await start();
    h.cxone.logOut(ANA);
    await h.engine.runCycle();
    const ts = h.notifier.posted[0]!.messageTs;

    h.cxone.logIn(ANA, 'LoggedIn'); // a new session, no state yet: already back
    const report = await h.engine.runCycle();
    await h.engine.runCycle();

    expect(report).toMatchObject({ returns: 1, notifications: 1 });
    expect(h.notifier.returnedCalls).toEqual([
      {
        channelId: 'C1',
        returns: [
          expect.objectContaining({
            agentId: ANA,
            messageTs: ts,
            state: expect.objectContaining({ state: 'LoggedIn' }),
          }),
        ],
      },
    ]);
    expect(await h.store.watcher.openDrops()).toEqual([]);
  });

  it('a state change inside a session (available → unavailable → on a contact) is not a drop', async () => {
    await start();
    for (const state of ['Unavailable', 'InboundContact', 'Available'] as const) {
      h.cxone.set(ANA, state);
      expect(await h.engine.runCycle()).toMatchObject({ changed: 1, drops: 0 });
    }
    expect(h.notifier.droppedCalls).toEqual([]);
  });

  it('when the agent logs out and back in between two polls, then nothing is reported', async () => {
    await start();
    h.cxone.logOut(ANA);
    h.cxone.logIn(ANA);

    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ changed: 1, drops: 0, returns: 0, notifications: 0 });
    expect(h.notifier.droppedCalls).toEqual([]);
    expect(await h.store.watcher.openDrops()).toEqual([]);
  });

  it('an agent logged out when first seen only sets the baseline; logging in later is no return', async () => {
    await start('LoggedOut');
    h.cxone.logIn(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ changed: 1, drops: 0, returns: 0, notifications: 0 });
  });

  it('several agents dropping in one cycle reach the channel in one notifier call', async () => {
    await start('Available', ANA, BO, CY);
    h.cxone.logOut(ANA);
    h.cxone.logOut(CY);

    expect(await h.engine.runCycle()).toMatchObject({ drops: 2, notifications: 1 });
    expect(h.notifier.droppedCalls.map((c) => c.drops.map((d) => d.agentId).sort())).toEqual([[ANA, CY]]);
  });

  it('an agent a bulk snapshot leaves out (not visible to the API user) is kept as it was, never taken for logged out', async () => {
    await start();
    await h.store.watcher.setCursor(undefined); // the next cycle reads a snapshot
    h.cxone.hidden.add(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ mode: 'bulk', drops: 0, changed: 0 });
    expect(h.notifier.droppedCalls).toEqual([]);
  });
});

describe('incontact watch: what CXone answers', () => {
  let h: SessionEngineHarness;

  beforeEach(async () => {
    h = await sessionEngineHarness();
    h.cxone.set(ANA, 'Available');
    await watch(h.store, 'C1', ANA);
    await h.engine.runCycle();
  });
  afterEach(() => h.store.close());

  it('"no change" answers keep the cursor and every known state; a later drop is still seen once', async () => {
    const cursor = await h.store.watcher.getCursor();
    const known = await h.store.watcher.getStates();

    for (let i = 0; i < 3; i++)
      expect(await h.engine.runCycle()).toMatchObject({ mode: 'bulk', changed: 0, drops: 0, cxoneCalls: 1 });

    expect(h.cxone.sinceSeen.slice(-3)).toEqual([cursor, cursor, cursor]);
    expect(await h.store.watcher.getCursor()).toBe(cursor);
    expect(await h.store.watcher.getStates()).toEqual(known);
    h.cxone.logOut(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 1 });
    expect(await h.engine.runCycle()).toMatchObject({ drops: 0 });
    expect(h.notifier.posted).toHaveLength(1);
  });

  it('a 429 waits Retry-After and skips the cycle with the cursor unchanged; the next cycle reports the drop', async () => {
    const cursor = await h.store.watcher.getCursor();
    h.cxone.logOut(ANA);
    h.cxone.failNext('getAllAgentStates', new RateLimitedError('slow down', 4_000, { status: 429 }));

    const limited = await h.engine.runCycle();

    expect(limited).toMatchObject({ mode: 'skipped', waitedMs: 4_000, drops: 0, notifications: 0 });
    expect(h.clock.sleeps).toEqual([4_000]);
    expect(await h.store.watcher.getCursor()).toBe(cursor);
    expect(h.notifier.droppedCalls).toEqual([]);

    expect(await h.engine.runCycle()).toMatchObject({ mode: 'bulk', drops: 1, notifications: 1 });
    expect(h.cxone.sinceSeen.slice(-2)).toEqual([cursor, cursor]);
  });

  it('a newly watched agent is read once by itself rather than taken from a snapshot', async () => {
    h.cxone.set(BO, 'Unavailable');
    await h.engine.runCycle(); // the cursor moves past Bo's last change
    await watch(h.store, 'C1', BO);
    const before = { ...h.cxone.calls };

    expect(await h.engine.runCycle()).toMatchObject({ drops: 0, cxoneCalls: 2 });
    expect(h.cxone.calls.getAgentState - before.getAgentState).toBe(1);
    expect((await h.store.watcher.getStates()).get(BO)?.states).toMatchObject({ state: 'Unavailable' });
  });
});

describe('incontact watch: the baseline recorded at watch time', () => {
  let h: SessionEngineHarness;
  afterEach(() => h.store.close());

  async function watchedWithoutACycle() {
    h = await sessionEngineHarness();
    h.cxone.set(ANA, 'Available');
    h.cxone.set(BO, 'Available');
    await watch(h.store, 'C1', BO);
    await h.engine.runCycle(); // the watcher runs, and has a cursor; Ana is not watched yet
    await watch(h.store, 'C1', ANA);
  }

  it('when the agent logs out before the next cycle, then that cycle reports the drop', async () => {
    await watchedWithoutACycle();
    const status = await h.cxone.getAgentState(ANA);
    expect(await recordSessionBaseline(h.store.watcher, ANA, status, new Date(h.clock.now()))).toBe(true);

    h.cxone.logOut(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 1 });
    expect(h.notifier.droppedCalls[0]!.drops[0]).toMatchObject({
      agentId: ANA,
      previous: { state: 'Available' },
    });
  });

  it('without it, the same drop would be the starting point and go unreported', async () => {
    await watchedWithoutACycle();
    h.cxone.logOut(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 0 });
  });

  it("keeps the watcher's own view of an agent another channel already watches", async () => {
    await watchedWithoutACycle();
    const loggedOut = { ...(await h.cxone.getAgentState(BO)), state: 'LoggedOut' as const };
    expect(await recordSessionBaseline(h.store.watcher, BO, loggedOut, new Date())).toBe(false);
    expect((await h.store.watcher.getStates([BO])).get(BO)?.states).toMatchObject({ state: 'Available' });
  });

  it("replaces a record left by the tutorial dialect's watcher (a store switched to a real tenant), which the engine cannot read", async () => {
    await watchedWithoutACycle();
    await h.store.watcher.saveStates({
      upsert: [{ agentId: ANA, states: [loggedIn('0')], updatedAt: new Date() }],
    });
    const status = await h.cxone.getAgentState(ANA);

    expect(await recordSessionBaseline(h.store.watcher, ANA, status, new Date())).toBe(true);
    h.cxone.logOut(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 1 });
  });

  it('without a baseline, a record it cannot read counts as never seen: no drop invented from it', async () => {
    await watchedWithoutACycle();
    await h.store.watcher.saveStates({
      upsert: [{ agentId: ANA, states: [loggedIn('0')], updatedAt: new Date() }],
    });
    h.cxone.logOut(ANA);

    expect(await h.engine.runCycle()).toMatchObject({ drops: 0 });
    expect((await h.store.watcher.getStates([ANA])).get(ANA)?.states).toMatchObject({ state: 'LoggedOut' });
  });
});

describe('incontact watch: a failed or interrupted cycle never loses nor repeats a notice', () => {
  let h: SessionEngineHarness;
  let armed: Set<string>;
  afterEach(() => h.store.close());

  /** The store, where chosen watcher methods fail once — like the process dying at that step. */
  function crashable(store: Store): Store {
    armed = new Set();
    const watcher = new Proxy(store.watcher, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (armed.delete(String(prop))) return Promise.reject(new Error(`crash in ${String(prop)}`));
          return value.apply(target, args);
        };
      },
    });
    return { ...store, watcher };
  }

  beforeEach(async () => {
    h = await sessionEngineHarness();
    h = await sessionEngineHarness({ store: crashable(h.store), cxone: h.cxone });
    h.cxone.set(ANA, 'Available');
    await watch(h.store, 'C1', ANA);
    await h.engine.runCycle();
  });

  it.each(['claimDrops', 'saveStates'])(
    'when the cycle dies in %s, then the cursor stays and the next cycle posts the drop exactly once',
    async (method) => {
      const cursor = await h.store.watcher.getCursor();
      h.cxone.logOut(ANA);
      armed.add(method);

      await expect(h.engine.runCycle()).rejects.toThrow(`crash in ${method}`);
      expect(await h.store.watcher.getCursor()).toBe(cursor);
      await h.engine.runCycle();
      await h.engine.runCycle();

      expect(h.notifier.posted).toEqual([expect.objectContaining({ channelId: 'C1', agentId: ANA })]);
    },
  );

  it('when the cycle dies between the claim and the post, then the next cycle posts it, flagged as a redelivery', async () => {
    h.cxone.logOut(ANA);
    h.notifier.failDropped = new Error('process killed before Slack was called');
    expect(await h.engine.runCycle()).toMatchObject({ drops: 1, notifications: 0, undelivered: 1 });
    const [claim] = await h.store.watcher.openDrops();
    expect(claim).toMatchObject({ agentId: ANA, messageTs: '' });

    h.notifier.failDropped = undefined;
    expect(await h.engine.runCycle()).toMatchObject({ drops: 0, notifications: 1 });
    await h.engine.runCycle();

    expect(h.notifier.posted).toHaveLength(1);
    const redelivered = h.notifier.droppedCalls.at(-1)!.drops[0]!;
    expect(redelivered).toMatchObject({ agentId: ANA, redelivery: true, at: claim!.droppedAt });
    expect(redelivered.previous).toBeUndefined();
  });

  it('when Slack took the notice but its ts was not saved, then the retry finds the earlier message instead of posting again', async () => {
    h.cxone.logOut(ANA);
    armed.add('attachDropMessages');
    await expect(h.engine.runCycle()).rejects.toThrow('crash in attachDropMessages');

    await h.engine.runCycle();
    await h.engine.runCycle();

    expect(h.notifier.posted).toHaveLength(1);
    expect((await h.store.watcher.openDrops())[0]!.messageTs).toBe(h.notifier.posted[0]!.messageTs);
  });

  it('when the return reply fails, then it is offered again next cycle, and the notice stays open until it is posted', async () => {
    h.cxone.logOut(ANA);
    await h.engine.runCycle();
    h.cxone.logIn(ANA);
    h.notifier.failReturned = new Error('slack down');
    expect(await h.engine.runCycle()).toMatchObject({ returns: 1, notifications: 0, undelivered: 1 });
    expect(await h.store.watcher.openDrops()).toHaveLength(1);

    h.notifier.failReturned = undefined;
    expect(await h.engine.runCycle()).toMatchObject({ returns: 1, notifications: 1 });
    expect(await h.store.watcher.openDrops()).toEqual([]);
    expect(h.notifier.returnedCalls).toHaveLength(2);
  });
});

describe('watch engine: what it remembers of agents nobody watches', () => {
  let h: SessionEngineHarness;
  afterEach(() => h.store.close());

  it('when the last channel stops watching, the agent is forgotten and its notice closed, so a later watch starts from its own baseline', async () => {
    h = await sessionEngineHarness();
    h.cxone.set(ANA, 'Available');
    await watch(h.store, 'C1', ANA);
    await h.engine.runCycle();
    h.cxone.logOut(ANA);
    await h.engine.runCycle(); // notice posted
    await h.store.subscriptions.remove('C1', ANA);

    expect(await h.engine.runCycle()).toMatchObject({ mode: 'skipped', reason: 'nothing watched' });
    expect((await h.store.watcher.getStates()).size).toBe(0);
    expect(await h.store.watcher.openDrops()).toEqual([]);

    // Days later, Ana is watched again while logged out, then logs in: no reply into the old thread.
    await watch(h.store, 'C1', ANA);
    await recordSessionBaseline(h.store.watcher, ANA, await h.cxone.getAgentState(ANA), new Date());
    h.cxone.logIn(ANA);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 0, returns: 0, notifications: 0 });
    expect(h.notifier.returnedCalls).toEqual([]);
  });

  it('a baseline recorded by a watch while a cycle runs is kept by that cycle', async () => {
    const base = await sessionEngineHarness();
    base.cxone.set(ANA, 'Available');
    base.cxone.set(BO, 'Available');
    // The watch command subscribes Bo and records the baseline just after the cycle read the subscriptions.
    const listAll = base.store.subscriptions.listAll.bind(base.store.subscriptions);
    let raced = false;
    const subscriptions = Object.create(base.store.subscriptions, {
      listAll: {
        value: async () => {
          const subs = await listAll();
          if (subs.length && !raced) {
            raced = true;
            await watch(base.store, 'C1', BO);
            base.clock.advance(1);
            await recordSessionBaseline(
              base.store.watcher,
              BO,
              await base.cxone.getAgentState(BO),
              new Date(base.clock.now()),
            );
          }
          return subs;
        },
      },
    });
    h = await sessionEngineHarness({ cxone: base.cxone, store: { ...base.store, subscriptions } });
    await watch(h.store, 'C1', ANA);

    await h.engine.runCycle();
    expect((await h.store.watcher.getStates()).has(BO)).toBe(true);
    h.cxone.logOut(BO);
    expect(await h.engine.runCycle()).toMatchObject({ drops: 1 });
  });
});
