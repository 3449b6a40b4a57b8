import type { Store } from '../../src/store';
import { agent, loggedIn, SALES, SUPPORT, watch } from './fakes';
import { type EngineHarness, engineHarness } from './harness';

const ANA = agent(1);
const BO = agent(2);

describe('watch engine: what gets reported', () => {
  let h: EngineHarness;
  let store: Store;

  beforeEach(async () => {
    h = await engineHarness({
      catalog: { skills: async () => [{ id: SALES, name: 'Sales EN', isActive: true }] },
    });
    store = h.store;
  });
  afterEach(() => store.close());

  it('when nothing is watched, then the cycle is skipped without calling CXone', async () => {
    const report = await h.engine.runCycle();
    expect(report).toMatchObject({ mode: 'skipped', watched: 0, cxoneCalls: 0, reason: 'nothing watched' });
  });

  it('when agents are seen for the first time, then their states become the baseline and nothing is posted', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await watch(store, 'C1', BO); // logged out at first sight: no "dropped" either

    const report = await h.engine.runCycle();

    expect(report).toMatchObject({
      mode: 'bulk',
      watched: 2,
      changed: 0,
      drops: 0,
      notifications: 0,
      cxoneCalls: 1,
    });
    expect(h.notifier.droppedCalls).toEqual([]);
    expect((await store.watcher.getStates()).get(ANA)?.states).toEqual([
      loggedIn(ANA, SALES, expect.any(String)),
    ]);
    expect(await store.watcher.getCursor()).toBeDefined();
  });

  it('when a watched agent drops out of every skill, then its channel gets one notice naming the last skill', async () => {
    h.cxone.set(ANA, [
      loggedIn(ANA, SUPPORT, '2025-03-01T07:00:00.000Z'),
      loggedIn(ANA, SALES, '2025-03-01T08:00:00.000Z'),
    ]);
    await watch(store, 'C1', ANA, 'Ana Lima');
    await h.engine.runCycle();

    h.cxone.logout(ANA);
    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ mode: 'bulk', changed: 1, drops: 1, notifications: 1, undelivered: 0 });
    expect(h.notifier.droppedCalls).toHaveLength(1);
    const [{ channelId, drops }] = h.notifier.droppedCalls as [(typeof h.notifier.droppedCalls)[0]];
    expect(channelId).toBe('C1');
    expect(drops).toEqual([
      {
        agentId: ANA,
        agentName: 'Ana Lima',
        lastSkillId: SALES,
        lastSkillName: 'Sales EN',
        previousStates: expect.arrayContaining([expect.objectContaining({ skillId: SUPPORT })]),
        at: new Date(h.clock.now()),
      },
    ]);
    expect(await store.watcher.openDrops()).toEqual([
      expect.objectContaining({ channelId: 'C1', agentId: ANA, messageTs: h.notifier.posted[0]!.messageTs }),
    ]);
  });

  it('when the agent stays out, then the next cycles post nothing more', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();
    h.cxone.logout(ANA);
    await h.engine.runCycle();

    const again = await h.engine.runCycle();
    const andAgain = await h.engine.runCycle();

    expect([again.notifications, andAgain.notifications]).toEqual([0, 0]);
    expect(h.notifier.droppedCalls).toHaveLength(1);
  });

  it('when a dropped agent comes back, then the reply goes to the drop message thread and the notice closes', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA, 'Ana Lima');
    await h.engine.runCycle();
    h.cxone.logout(ANA);
    await h.engine.runCycle();
    const dropTs = h.notifier.posted[0]!.messageTs;

    h.cxone.login(ANA, SUPPORT);
    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ returns: 1, drops: 0, notifications: 1 });
    expect(h.notifier.returnedCalls).toEqual([
      {
        channelId: 'C1',
        returns: [
          {
            agentId: ANA,
            agentName: 'Ana Lima',
            messageTs: dropTs,
            states: [expect.objectContaining({ skillId: SUPPORT })],
            at: new Date(h.clock.now()),
          },
        ],
      },
    ]);
    expect(await store.watcher.openDrops()).toEqual([]);
    await h.engine.runCycle();
    expect(h.notifier.returnedCalls).toHaveLength(1);
  });

  it('when an agent drops and returns between two cycles, then nothing is reported', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();

    h.cxone.logout(ANA);
    h.cxone.login(ANA); // re-login: new loginTime, still in a skill
    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ changed: 1, drops: 0, returns: 0, notifications: 0 });
    expect(h.notifier.droppedCalls).toEqual([]);
    expect(h.notifier.returnedCalls).toEqual([]);
  });

  it('when many agents drop in one cycle, then each channel gets all of them in one call', async () => {
    const agents = Array.from({ length: 12 }, (_, i) => agent(100 + i));
    for (const [i, id] of agents.entries()) {
      h.cxone.login(id);
      await watch(store, i % 3 === 0 ? 'C2' : 'C1', id);
    }
    await h.engine.runCycle();

    for (const id of agents) h.cxone.logout(id);
    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ drops: 12, notifications: 2 });
    const perChannel = Object.fromEntries(h.notifier.droppedCalls.map((c) => [c.channelId, c.drops.length]));
    expect(perChannel).toEqual({ C1: 8, C2: 4 });
  });

  it('when two channels watch the agent, then each is told once, and replies go to each own thread', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await watch(store, 'C2', ANA);
    await h.engine.runCycle();
    h.cxone.logout(ANA);
    await h.engine.runCycle();
    h.cxone.login(ANA);
    await h.engine.runCycle();

    expect(h.notifier.droppedCalls.map((c) => c.channelId).sort()).toEqual(['C1', 'C2']);
    const replies = h.notifier.returnedCalls.map((c) => [c.channelId, c.returns[0]!.messageTs]).sort();
    const posts = h.notifier.posted.map((p) => [p.channelId, p.messageTs]).sort();
    expect(replies).toEqual(posts);
  });

  it('when a channel stops watching a dropped agent, then its notice closes without a reply', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await watch(store, 'C2', ANA);
    await h.engine.runCycle();
    h.cxone.logout(ANA);
    await h.engine.runCycle();

    await store.subscriptions.remove('C2', ANA);
    h.cxone.login(ANA);
    await h.engine.runCycle();

    expect(h.notifier.returnedCalls.map((c) => c.channelId)).toEqual(['C1']);
    expect(await store.watcher.openDrops()).toEqual([]);
  });

  it('when an agent is watched after the first poll, then it is read once for its baseline and its drop is reported', async () => {
    h.cxone.login(ANA);
    h.cxone.login(BO);
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();

    await watch(store, 'C1', BO);
    const baseline = await h.engine.runCycle();
    expect(baseline).toMatchObject({ notifications: 0, cxoneCalls: 2 });
    expect(h.cxone.calls.getAgentStates).toBe(1);

    h.cxone.logout(BO);
    await h.engine.runCycle();
    expect(h.notifier.droppedCalls.flatMap((c) => c.drops.map((d) => d.agentId))).toEqual([BO]);
  });

  it('when many agents are watched after the first poll, then one full snapshot reads them instead', async () => {
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();
    for (let i = 0; i < 40; i++) await watch(store, 'C1', agent(200 + i));

    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ mode: 'bulk', cxoneCalls: 2 });
    expect(h.cxone.sinceSeen.at(-1)).toBeUndefined();
    expect(h.cxone.calls.getAgentStates).toBe(0);
    expect((await store.watcher.getStates()).size).toBe(41);
  });

  it('when an agent is no longer watched, then its last known state is forgotten, so re-watching starts silently', async () => {
    h.cxone.login(ANA);
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();
    await store.subscriptions.remove('C1', ANA);
    await watch(store, 'C1', BO);
    await h.engine.runCycle();
    expect((await store.watcher.getStates()).has(ANA)).toBe(false);

    h.cxone.logout(ANA);
    await watch(store, 'C1', ANA);
    await h.engine.runCycle();
    expect(h.notifier.droppedCalls).toEqual([]);
  });
});
