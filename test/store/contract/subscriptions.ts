import { openStore } from '../../../src/store';
import type { StoreHarness } from '../harness';

const C1 = 'C0000000001';
const C2 = 'C0000000002';
const ANA = { agentId: '11111111-1111-1111-1111-111111111111', agentName: 'Ana Ruiz' };
const BO = { agentId: '22222222-2222-2222-2222-222222222222', agentName: 'Bo Lind' };

export function subscriptionContract(h: () => StoreHarness): void {
  describe('migrations', () => {
    it('opening the same database again re-runs no migration and keeps the data', async () => {
      const { store, open } = h();
      await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U1' });
      const again = await open();
      const third = await open();
      expect(await third.subscriptions.listAll()).toHaveLength(1);
      expect(await again.ping()).toBe(true);
    });
  });

  describe('subscriptions', () => {
    it('adding the same channel and agent twice keeps one subscription and its original creator', async () => {
      const { store } = h();
      expect(await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U1' })).toBe(true);
      expect(await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U2' })).toBe(false);
      const subs = await store.subscriptions.listByChannel(C1);
      expect(subs).toEqual([
        { channelId: C1, ...ANA, createdBy: 'U1', createdAt: new Date(h().clock.now()) },
      ]);
    });

    it('lists by channel, by agent and by creator', async () => {
      const { store, clock } = h();
      await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U1' });
      clock.advance(1000);
      await store.subscriptions.add({ channelId: C1, ...BO, createdBy: 'U2' });
      clock.advance(1000);
      await store.subscriptions.add({ channelId: C2, ...ANA, createdBy: 'U2' });

      expect((await store.subscriptions.listByChannel(C1)).map((s) => s.agentName)).toEqual([
        'Ana Ruiz',
        'Bo Lind',
      ]);
      expect((await store.subscriptions.listByAgent(ANA.agentId)).map((s) => s.channelId)).toEqual([C1, C2]);
      expect((await store.subscriptions.listByUser('U2')).map((s) => [s.channelId, s.agentId])).toEqual([
        [C1, BO.agentId],
        [C2, ANA.agentId],
      ]);
      expect(await store.subscriptions.listAll()).toHaveLength(3);
    });

    it('removing reports whether something was removed and leaves other channels alone', async () => {
      const { store } = h();
      await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U1' });
      await store.subscriptions.add({ channelId: C2, ...ANA, createdBy: 'U1' });
      expect(await store.subscriptions.remove(C1, ANA.agentId)).toBe(true);
      expect(await store.subscriptions.remove(C1, ANA.agentId)).toBe(false);
      expect((await store.subscriptions.listAll()).map((s) => s.channelId)).toEqual([C2]);
    });

    it('subscriptions survive closing the store and opening it again', async () => {
      const { store, url, clock } = h();
      await store.subscriptions.add({ channelId: C1, ...ANA, createdBy: 'U1' });
      await store.close();
      const reopened = await openStore(url, { now: clock.now });
      try {
        expect(await reopened.subscriptions.listByChannel(C1)).toEqual([
          expect.objectContaining({ agentId: ANA.agentId, agentName: 'Ana Ruiz', createdBy: 'U1' }),
        ]);
      } finally {
        await reopened.close();
      }
    });
  });

  describe('who a watch mentions', () => {
    it('keeps a mentioned user or @here with the subscription, and nobody when none was named', async () => {
      const { store, open } = h();
      await store.subscriptions.add({
        channelId: C1,
        ...ANA,
        createdBy: 'U1',
        mention: { kind: 'user', userId: 'U0SAM' },
      });
      await store.subscriptions.add({ channelId: C2, ...ANA, createdBy: 'U1', mention: { kind: 'here' } });
      await store.subscriptions.add({ channelId: C1, ...BO, createdBy: 'U1' });

      const again = await open();
      const byChannel = new Map(
        (await again.subscriptions.listAll()).map((s) => [`${s.channelId} ${s.agentName}`, s.mention]),
      );
      expect(byChannel.get(`${C1} Ana Ruiz`)).toEqual({ kind: 'user', userId: 'U0SAM' });
      expect(byChannel.get(`${C2} Ana Ruiz`)).toEqual({ kind: 'here' });
      expect(byChannel.get(`${C1} Bo Lind`)).toBeUndefined();
      expect((await again.subscriptions.listByAgent(ANA.agentId)).map((s) => s.mention?.kind)).toEqual([
        'user',
        'here',
      ]);
    });
  });
}
