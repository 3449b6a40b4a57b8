import { recordWatchBaseline } from '../../src/agentstate/watch';
import { agent, loggedIn, watch } from './fakes';
import { engineHarness } from './harness';

describe('the baseline recorded when an agent is watched', () => {
  it('when a newly watched agent drops before the first cycle, then that cycle reports the drop', async () => {
    const h = await engineHarness();
    h.cxone.login(agent(1));
    await h.engine.runCycle(); // the watcher is running, watching nobody yet
    await watch(h.store, 'C1', agent(1));
    await recordWatchBaseline(h.store.watcher, agent(1), [loggedIn(agent(1))], new Date(h.clock.now()));

    h.cxone.logout(agent(1));
    const report = await h.engine.runCycle();

    expect(report.drops).toBe(1);
    expect(h.notifier.droppedCalls.map((c) => c.drops.map((d) => d.agentId))).toEqual([[agent(1)]]);
  });

  it('without a baseline, the same drop would be taken as the starting point and go unreported', async () => {
    const h = await engineHarness();
    h.cxone.login(agent(1));
    await h.engine.runCycle();
    await watch(h.store, 'C1', agent(1));

    h.cxone.logout(agent(1));
    const report = await h.engine.runCycle();

    expect(report.drops).toBe(0);
    expect(h.notifier.droppedCalls).toEqual([]);
  });

  it("when another channel already watches the agent, then the watcher's own last view is kept", async () => {
    const h = await engineHarness();
    await watch(h.store, 'C1', agent(1));
    h.cxone.login(agent(1));
    await h.engine.runCycle();

    const recorded = await recordWatchBaseline(h.store.watcher, agent(1), [], new Date(h.clock.now()));

    expect(recorded).toBe(false);
    expect((await h.store.watcher.getStates([agent(1)])).get(agent(1))?.states).toHaveLength(1);
  });
});
