import type { StoreHarness } from '../harness';

const ANA = '11111111-1111-1111-1111-111111111111';
const BO = '22222222-2222-2222-2222-222222222222';
const AT = new Date('2025-03-01T09:00:00.000Z');

const claim = (channelId: string, agentId: string) => ({
  channelId,
  agentId,
  lastSkill: 'Sales EN',
  droppedAt: AT,
});

/** The watcher's batch operations: claim before posting, attach the ts after, resolve exact pairs. */
export function dropBatchContract(h: () => StoreHarness): void {
  describe('drop notice batches', () => {
    it('claims notices as unposted, once per channel and agent, even when two replicas claim together', async () => {
      const { store, open } = h();
      const replicaB = await open();
      await store.watcher.recordDrop({ ...claim('C0', ANA), messageTs: '0.1' });

      const wanted = [claim('C0', ANA), claim('C1', ANA), claim('C1', BO), claim('C1', BO)];
      const [a, b] = await Promise.all([
        store.watcher.claimDrops(wanted),
        replicaB.watcher.claimDrops(wanted),
      ]);

      expect([...a, ...b].sort((x, y) => x.agentId.localeCompare(y.agentId))).toEqual([
        { ...claim('C1', ANA), messageTs: '' },
        { ...claim('C1', BO), messageTs: '' },
      ]);
      expect(await store.watcher.openDrops({ channelId: 'C1' })).toHaveLength(2);
    });

    it('attaches the posted ts to open claims only, so a posted notice keeps its first ts', async () => {
      const { store } = h();
      await store.watcher.claimDrops([claim('C1', ANA), claim('C1', BO), claim('C2', ANA)]);
      await store.watcher.attachDropMessages([
        { channelId: 'C1', agentId: ANA, messageTs: '1.1' },
        { channelId: 'C1', agentId: BO, messageTs: '1.1' },
      ]);
      await store.watcher.attachDropMessages([{ channelId: 'C1', agentId: ANA, messageTs: '9.9' }]);

      const open = await store.watcher.openDrops();
      expect(open.map((n) => [n.channelId, n.agentId, n.messageTs])).toEqual([
        ['C1', ANA, '1.1'],
        ['C1', BO, '1.1'],
        ['C2', ANA, ''],
      ]);
    });

    it('resolves exactly the given channel and agent pairs, handing each notice to one caller', async () => {
      const { store, open } = h();
      const replicaB = await open();
      await store.watcher.claimDrops([claim('C1', ANA), claim('C2', ANA), claim('C1', BO)]);
      const back = new Date('2025-03-01T09:05:00.000Z');
      const keys = [
        { channelId: 'C1', agentId: ANA },
        { channelId: 'C1', agentId: BO },
      ];

      const [a, b] = await Promise.all([
        store.watcher.resolveDropNotices(keys, back),
        replicaB.watcher.resolveDropNotices(keys, back),
      ]);

      expect([...a, ...b].map((n) => [n.channelId, n.agentId, n.resolvedAt])).toEqual([
        ['C1', ANA, back],
        ['C1', BO, back],
      ]);
      expect((await store.watcher.openDrops()).map((n) => [n.channelId, n.agentId])).toEqual([['C2', ANA]]);
    });

    it('accepts empty batches without touching anything', async () => {
      const { store } = h();
      expect(await store.watcher.claimDrops([])).toEqual([]);
      await store.watcher.attachDropMessages([]);
      expect(await store.watcher.resolveDropNotices([], AT)).toEqual([]);
    });
  });
}
