import type { StoreHarness } from '../harness';

const TTL = 30_000;

export function leaseContract(h: () => StoreHarness): void {
  describe('leader lease', () => {
    it('gives a free lease to exactly one of two replicas asking at the same time', async () => {
      const { store, open } = h();
      const replicaB = await open();
      const asks = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? replicaB : store).leases.tryAcquire('watcher', i % 2 ? 'b' : 'a', TTL),
        ),
      );
      const holder = (await store.leases.current('watcher'))?.holder;
      expect(['a', 'b']).toContain(holder);
      // Every ask by the eventual holder may succeed (it renews its own lease); no ask by the other one does.
      asks.forEach((won, i) => {
        if ((i % 2 ? 'b' : 'a') !== holder) expect(won).toBe(false);
      });
      expect(asks.some(Boolean)).toBe(true);
    });

    it('refuses another holder while the lease is valid, then lets it take over after expiry', async () => {
      const { store, clock, open } = h();
      const replicaB = await open();
      expect(await store.leases.tryAcquire('watcher', 'a', TTL)).toBe(true);
      clock.advance(TTL - 1);
      expect(await replicaB.leases.tryAcquire('watcher', 'b', TTL)).toBe(false);
      clock.advance(1);
      expect(await replicaB.leases.tryAcquire('watcher', 'b', TTL)).toBe(true);
      expect(await store.leases.tryAcquire('watcher', 'a', TTL)).toBe(false);
      expect((await store.leases.current('watcher'))?.holder).toBe('b');
    });

    it('renews the lease for its holder, pushing the expiry forward', async () => {
      const { store, clock, open } = h();
      const replicaB = await open();
      await store.leases.tryAcquire('watcher', 'a', TTL);
      clock.advance(TTL - 1000);
      expect(await store.leases.tryAcquire('watcher', 'a', TTL)).toBe(true);
      expect((await store.leases.current('watcher'))?.expiresAt).toEqual(new Date(clock.now() + TTL));
      clock.advance(TTL - 1000);
      expect(await replicaB.leases.tryAcquire('watcher', 'b', TTL)).toBe(false);
    });

    it('lets another replica acquire at once after the holder releases, and ignores a release by a non-holder', async () => {
      const { store, open } = h();
      const replicaB = await open();
      await store.leases.tryAcquire('watcher', 'a', TTL);
      expect(await replicaB.leases.release('watcher', 'b')).toBe(false);
      expect((await store.leases.current('watcher'))?.holder).toBe('a');
      expect(await store.leases.release('watcher', 'a')).toBe(true);
      expect(await store.leases.current('watcher')).toBeUndefined();
      expect(await replicaB.leases.tryAcquire('watcher', 'b', TTL)).toBe(true);
    });

    it('keeps leases of different names independent', async () => {
      const { store } = h();
      expect(await store.leases.tryAcquire('watcher', 'a', TTL)).toBe(true);
      expect(await store.leases.tryAcquire('janitor', 'b', TTL)).toBe(true);
    });
  });
}
