import type { StoreHarness } from '../harness';

const ANA = '11111111-1111-1111-1111-111111111111';
const MINUTE = 60_000;
/** The thresholds recovery uses by default for VERIFY_TIMEOUT_MS = 15 s. */
const STALE = MINUTE;
const ORPHAN = 10_000;

const login = (owner: string) => ({ agentId: ANA, action: 'login', startedBy: 'U1', owner });

/** Operation claims: only a process that stopped refreshing its claim loses it. */
export function livenessContract(h: () => StoreHarness): void {
  describe('claims of running operations', () => {
    it('when an operation keeps beating, then no sweep takes it over, however long it runs', async () => {
      const { store, clock, open } = h();
      const other = await open();
      const begun = await store.operations.begin(login('host:3000/live'));
      if (!begun.ok) throw new Error('expected to begin');

      for (let t = 0; t < 10 * STALE; t += 2_000) {
        clock.advance(2_000);
        expect(await store.operations.heartbeat(begun.operation.id, 'host:3000/live')).toBe(true);
        // A sibling with the same host name and port, and any other replica, sweep meanwhile.
        expect(await other.operations.claimOrphaned('host:3000/sibling', ORPHAN)).toEqual([]);
        expect(await other.operations.claimStale(STALE, 'elsewhere:3000/x')).toEqual([]);
      }
      expect((await store.operations.get(begun.operation.id))?.owner).toBe('host:3000/live');
    });

    it('when a process with the same host name and port dies, then its sibling takes its work once the beats stop', async () => {
      const { store, clock } = h();
      const begun = await store.operations.begin(login('host:3000/dead'));
      if (!begun.ok) throw new Error('expected to begin');

      clock.advance(ORPHAN - 1);
      expect(await store.operations.claimOrphaned('host:3000/next', ORPHAN)).toEqual([]);
      clock.advance(2);
      const [claimed] = await store.operations.claimOrphaned('host:3000/next', ORPHAN);

      expect(claimed).toMatchObject({ id: begun.operation.id, owner: 'host:3000/next' });
      // The dead process, were it only slow, learns at its next beat that it must not report.
      expect(await store.operations.heartbeat(begun.operation.id, 'host:3000/dead')).toBe(false);
    });

    it('takes back an operation written before owner ids had an instance, once it lapsed', async () => {
      const { store, clock } = h();
      const begun = await store.operations.begin(login('host:3000'));
      if (!begun.ok) throw new Error('expected to begin');
      clock.advance(ORPHAN + 1);

      expect((await store.operations.claimOrphaned('host:3000/new', ORPHAN)).map((o) => o.id)).toEqual([
        begun.operation.id,
      ]);
    });

    it('never lets a process claim its own operation as stale or orphaned', async () => {
      const { store, clock } = h();
      const begun = await store.operations.begin(login('host:3000/me'));
      if (!begun.ok) throw new Error('expected to begin');
      clock.advance(10 * STALE);

      expect(await store.operations.claimStale(STALE, 'host:3000/me')).toEqual([]);
      expect(await store.operations.claimOrphaned('host:3000/me', ORPHAN)).toEqual([]);
    });

    it('when a stopping process releases an operation, then any replica claims it at its next sweep', async () => {
      const { store, open } = h();
      const other = await open();
      const begun = await store.operations.begin(login('host:3000/stopping'));
      if (!begun.ok) throw new Error('expected to begin');

      expect(await store.operations.release(begun.operation.id, 'host:3000/stopping')).toBe(true);
      const claimed = await other.operations.claimStale(STALE, 'elsewhere:3000/x');

      expect(claimed.map((o) => o.id)).toEqual([begun.operation.id]);
      // Only the owner can release or refresh it.
      expect(await store.operations.release(begun.operation.id, 'host:3000/stopping')).toBe(false);
    });

    it('refuses to refresh a finished operation', async () => {
      const { store } = h();
      const begun = await store.operations.begin(login('host:3000/me'));
      if (!begun.ok) throw new Error('expected to begin');
      await store.operations.complete(begun.operation.id, 'verified');

      expect(await store.operations.heartbeat(begun.operation.id, 'host:3000/me')).toBe(false);
    });
  });
}
