import type { AgentState } from '../../../src/agentstate/model';
import type { KnownAgentStates } from '../../../src/store';
import type { StoreHarness } from '../harness';

const ANA = '11111111-1111-1111-1111-111111111111';
const BO = '22222222-2222-2222-2222-222222222222';

function state(agentId: string, skillId = '33333333-3333-3333-3333-333333333333'): AgentState {
  return {
    agentId,
    stateId: '44444444-4444-4444-4444-444444444444',
    skillId,
    loginTime: '2025-03-01T08:59:00.000Z',
    activityId: '55555555-5555-5555-5555-555555555555',
  };
}

const known = (agentId: string, states: AgentState[], at = '2025-03-01T09:00:00.000Z'): KnownAgentStates => ({
  agentId,
  states,
  updatedAt: new Date(at),
});

export function watcherContract(h: () => StoreHarness): void {
  describe('watcher state', () => {
    it('returns saved states per agent, overwrites on the next save and forgets removed agents', async () => {
      const { store } = h();
      await store.watcher.saveStates({ upsert: [known(ANA, [state(ANA)]), known(BO, [])] });
      expect(await store.watcher.getStates()).toEqual(
        new Map([
          [ANA, known(ANA, [state(ANA)])],
          [BO, known(BO, [])],
        ]),
      );

      const later = known(
        ANA,
        [state(ANA), state(ANA, '66666666-6666-6666-6666-666666666666')],
        '2025-03-01T09:00:15.000Z',
      );
      await store.watcher.saveStates({ upsert: [later], forget: [BO] });
      expect(await store.watcher.getStates([ANA, BO, 'never-seen'])).toEqual(new Map([[ANA, later]]));
    });

    it('saves many agents at once and reads back a subset', async () => {
      const { store } = h();
      const many = Array.from({ length: 1200 }, (_, i) => known(`agent-${i}`, [state(ANA)]));
      await store.watcher.saveStates({ upsert: many });
      const subset = await store.watcher.getStates(many.slice(0, 700).map((k) => k.agentId));
      expect(subset.size).toBe(700);
      expect((await store.watcher.getStates()).size).toBe(1200);
    });

    it('keeps nothing of a save that fails midway, cursor included', async () => {
      const { store } = h();
      const circular: unknown[] = [];
      circular.push(circular);
      const many = Array.from({ length: 600 }, (_, i) => known(`agent-${i}`, [state(ANA)]));
      // The second batch cannot be serialised: the first batch, already written, must be rolled back.
      many[550] = { ...many[550]!, states: circular as AgentState[] };
      await expect(
        store.watcher.saveStates({ upsert: many, cursor: '2025-03-01T09:00:00Z' }),
      ).rejects.toThrow();
      expect((await store.watcher.getStates()).size).toBe(0);
      expect(await store.watcher.getCursor()).toBeUndefined();
    });

    it('keeps the bulk poll cursor, set alone or together with states, and clears it', async () => {
      const { store } = h();
      expect(await store.watcher.getCursor()).toBeUndefined();
      await store.watcher.setCursor('2025-03-01T09:00:00.000Z');
      expect(await store.watcher.getCursor()).toBe('2025-03-01T09:00:00.000Z');
      await store.watcher.saveStates({ upsert: [known(ANA, [])], cursor: '2025-03-01T09:00:15.000Z' });
      expect(await store.watcher.getCursor()).toBe('2025-03-01T09:00:15.000Z');
      await store.watcher.saveStates({ upsert: [] });
      expect(await store.watcher.getCursor()).toBe('2025-03-01T09:00:15.000Z');
      await store.watcher.setCursor(undefined);
      expect(await store.watcher.getCursor()).toBeUndefined();
    });
  });

  describe('dropped-agent notices', () => {
    const drop = (channelId: string, messageTs: string) => ({
      channelId,
      agentId: ANA,
      messageTs,
      lastSkill: 'Sales EN',
      droppedAt: new Date('2025-03-01T09:00:00.000Z'),
    });

    it('keeps one open notice per channel and agent', async () => {
      const { store } = h();
      expect(await store.watcher.recordDrop(drop('C1', '1.1'))).toBe(true);
      expect(await store.watcher.recordDrop(drop('C1', '1.2'))).toBe(false);
      expect(await store.watcher.recordDrop(drop('C2', '2.1'))).toBe(true);
      expect(await store.watcher.openDrops({ agentId: ANA })).toEqual([drop('C1', '1.1'), drop('C2', '2.1')]);
      expect(await store.watcher.openDrops({ channelId: 'C2' })).toEqual([drop('C2', '2.1')]);
    });

    it('resolves open notices once, returning them so each thread gets one "agent back" reply', async () => {
      const { store, open } = h();
      await store.watcher.recordDrop(drop('C1', '1.1'));
      await store.watcher.recordDrop(drop('C2', '2.1'));
      const back = new Date('2025-03-01T09:10:00.000Z');

      expect(await store.watcher.resolveDrops(ANA, back, 'C2')).toEqual([
        { ...drop('C2', '2.1'), resolvedAt: back },
      ]);
      const replicaB = await open();
      const [a, b] = await Promise.all([
        store.watcher.resolveDrops(ANA, back),
        replicaB.watcher.resolveDrops(ANA, back),
      ]);
      expect([...a, ...b]).toEqual([{ ...drop('C1', '1.1'), resolvedAt: back }]);
      expect(await store.watcher.openDrops()).toEqual([]);
      // Resolved notices no longer block the next drop of the same agent.
      expect(await store.watcher.recordDrop(drop('C1', '1.3'))).toBe(true);
    });
  });
}
