import { createCatalog } from '../../src/agentstate/catalog';
import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import type { Store } from '../../src/store';
import { type Stack, startStack } from '../integration/stack';
import { memoryStore, RecordingNotifier, watch } from './fakes';
import { silentLogger } from './harness';

/** The engine against the simulator over real HTTP with the real CXone client, as `serve` runs it. */
describe('watch engine against the CXone simulator', () => {
  let stack: Stack;
  let store: Store;
  let notifier: RecordingNotifier;
  let engine: WatchEngine;
  let agentId: string;
  let skillId: string;

  beforeEach(async () => {
    stack = await startStack();
    store = await memoryStore();
    notifier = new RecordingNotifier();
    const catalog = createCatalog({ cxone: stack.cxone, clock: systemClock });
    engine = createWatchEngine({
      cxone: stack.cxone,
      store,
      notifier,
      clock: systemClock,
      logger: silentLogger,
      catalog,
    });
    const tenant = stack.sim.tenant;
    const target = tenant.agents.find((a) => a.isActive && tenant.visibleStates(a.id).length === 1)!;
    agentId = target.id;
    skillId = tenant.visibleStates(agentId)[0]!.skillId;
    await watch(store, 'C1', agentId, `${target.firstName} ${target.lastName}`);
  });

  afterEach(async () => {
    await store.close();
    await stack.close();
  });

  it('reports an agent logged out through the simulator once, and its return in the same thread', async () => {
    expect(await engine.runCycle()).toMatchObject({ mode: 'bulk', notifications: 0, cxoneCalls: 1 });

    await stack.control.setAgentStates(agentId, []);
    const dropped = await engine.runCycle();
    const quiet = await engine.runCycle();

    expect(dropped).toMatchObject({ mode: 'bulk', drops: 1, notifications: 1 });
    expect(quiet).toMatchObject({ changed: 0, notifications: 0 });
    const skillName = stack.sim.tenant.skills.find((s) => s.id === skillId)?.name;
    expect(notifier.droppedCalls).toEqual([
      {
        channelId: 'C1',
        drops: [expect.objectContaining({ agentId, lastSkillId: skillId, lastSkillName: skillName })],
      },
    ]);

    await stack.control.setAgentStates(agentId, [{ skillId }]);
    expect(await engine.runCycle()).toMatchObject({ returns: 1, notifications: 1 });
    expect(notifier.returnedCalls).toEqual([
      {
        channelId: 'C1',
        returns: [
          expect.objectContaining({
            agentId,
            messageTs: notifier.posted[0]!.messageTs,
            states: [expect.objectContaining({ skillId })],
          }),
        ],
      },
    ]);
    // Each cycle after the first asked only for changes since the previous poll.
    expect(await stack.control.count('GET /api/v2/agents/states')).toBe(4);
  });

  it('falls back to per-agent reads when the bulk route answers 403, and still sees the drop', async () => {
    await stack.control.addFaults({ method: 'GET', path: '/api/v2/agents/states', status: 403, times: 100 });
    expect(await engine.runCycle()).toMatchObject({ mode: 'per-agent', cxoneCalls: 2 });

    await stack.control.setAgentStates(agentId, []);
    expect(await engine.runCycle()).toMatchObject({ mode: 'per-agent', drops: 1, cxoneCalls: 1 });
    expect(notifier.posted).toEqual([expect.objectContaining({ channelId: 'C1', agentId })]);
  });
});
