import { createStoreOperationGuard, type Store } from '../../../src/store';
import type { StoreHarness } from '../harness';

const ANA = '11111111-1111-1111-1111-111111111111';
const BO = '22222222-2222-2222-2222-222222222222';
const CY = '33333333-3333-3333-3333-333333333333';
const MINUTE = 60_000;

const login = (startedBy: string, owner = 'replica-a') => ({
  agentId: ANA,
  action: 'login',
  startedBy,
  owner,
  target: { skillId: 'sk-1', skillName: 'Sales EN', activity: 'Available' },
});

export function operationContract(h: () => StoreHarness): void {
  describe('in-flight operations', () => {
    it('begins an operation and keeps its target and Slack message', async () => {
      const { store, clock } = h();
      const result = await store.operations.begin({
        ...login('U1'),
        message: { channel: 'C1', ts: '1700000000.000100', responseUrl: 'https://hooks.example/r' },
      });
      if (!result.ok) throw new Error('expected the first begin to win');
      expect(await store.operations.get(result.operation.id)).toEqual({
        id: result.operation.id,
        agentId: ANA,
        action: 'login',
        startedBy: 'U1',
        startedAt: new Date(clock.now()),
        target: { skillId: 'sk-1', skillName: 'Sales EN', activity: 'Available' },
        message: { channel: 'C1', ts: '1700000000.000100', responseUrl: 'https://hooks.example/r' },
        owner: 'replica-a',
        claimedAt: new Date(clock.now()),
      });
    });

    it('refuses a second operation for the same agent and names who holds it', async () => {
      const { store, clock } = h();
      const startedAt = new Date(clock.now());
      const first = await store.operations.begin(login('U1'));
      clock.advance(500);
      const second = await store.operations.begin({ ...login('U2'), action: 'logout' });
      expect(first.ok).toBe(true);
      expect(second).toEqual({
        ok: false,
        holder: {
          id: first.ok ? first.operation.id : '',
          startedBy: 'U1',
          startedAt,
          action: 'login',
          owner: 'replica-a',
        },
      });
      expect((await store.operations.begin({ ...login('U2'), agentId: BO })).ok).toBe(true);
    });

    it('refuses the second operation when it comes from another store instance (another replica)', async () => {
      const { store, open } = h();
      const replicaB = await open();
      expect((await store.operations.begin(login('U1'))).ok).toBe(true);
      const fromB = await replicaB.operations.begin(login('U2', 'replica-b'));
      expect(fromB.ok).toBe(false);
      if (!fromB.ok) expect(fromB.holder.startedBy).toBe('U1');
    });

    it('lets exactly one of ten concurrent begins from two store instances win', async () => {
      const { store, open } = h();
      const replicaB = await open();
      const stores: Store[] = [store, replicaB];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stores[i % 2]!.operations.begin(login(`U${i}`, i % 2 ? 'replica-b' : 'replica-a')),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.ok ? winners[0]!.operation : undefined;
      for (const r of results) if (!r.ok) expect(r.holder.startedBy).toBe(winner?.startedBy);
      expect(await store.operations.listUnfinished()).toHaveLength(1);
    });

    it('completing an operation frees the agent, and only the first outcome is kept', async () => {
      const { store, open } = h();
      const first = await store.operations.begin(login('U1'));
      if (!first.ok) throw new Error('expected to win');
      expect(await store.operations.complete(first.operation.id, 'verified')).toBe(true);
      expect(await store.operations.complete(first.operation.id, 'failed')).toBe(false);
      const done = await store.operations.get(first.operation.id);
      expect(done?.outcome).toBe('verified');
      expect(done?.finishedAt).toBeInstanceOf(Date);

      const replicaB = await open();
      expect((await replicaB.operations.begin(login('U2', 'replica-b'))).ok).toBe(true);
    });

    it('lists unfinished operations oldest first, without finished ones', async () => {
      const { store, clock } = h();
      const a = await store.operations.begin(login('U1'));
      clock.advance(1000);
      const b = await store.operations.begin({ ...login('U2'), agentId: BO });
      clock.advance(1000);
      const c = await store.operations.begin({ ...login('U3'), agentId: 'agent-c' });
      if (!a.ok || !b.ok || !c.ok) throw new Error('expected all to begin');
      await store.operations.complete(b.operation.id, 'verified');
      expect((await store.operations.listUnfinished()).map((o) => o.startedBy)).toEqual(['U1', 'U3']);
    });

    it('records the Slack message once it has been posted', async () => {
      const { store } = h();
      const r = await store.operations.begin(login('U1'));
      if (!r.ok) throw new Error('expected to win');
      await store.operations.attachMessage(r.operation.id, { channel: 'C9', ts: '1.2' });
      expect((await store.operations.get(r.operation.id))?.message).toEqual({ channel: 'C9', ts: '1.2' });
    });

    it('hands stale operations to a new owner once, and leaves recent ones alone', async () => {
      const { store, clock, open } = h();
      await store.operations.begin(login('U1', 'dead-replica'));
      clock.advance(10 * MINUTE);
      await store.operations.begin({ ...login('U2', 'live-replica'), agentId: BO });

      const claimed = await store.operations.claimStale(5 * MINUTE, 'replica-b');
      expect(claimed.map((o) => [o.startedBy, o.owner, o.claimedAt.getTime()])).toEqual([
        ['U1', 'replica-b', clock.now()],
      ]);
      // Just claimed, so no longer stale: a second sweep (from any replica) finds nothing.
      const replicaC = await open();
      expect(await replicaC.operations.claimStale(5 * MINUTE, 'replica-c')).toEqual([]);
      // Still unfinished: the agent stays held until the new owner reports the outcome.
      expect((await store.operations.begin(login('U9'))).ok).toBe(false);
      expect(await store.operations.complete(claimed[0]!.id, 'abandoned')).toBe(true);
      expect((await store.operations.begin(login('U9'))).ok).toBe(true);
    });

    it('gives each stale operation to exactly one of two replicas sweeping at the same time', async () => {
      const { store, clock, open } = h();
      for (let i = 0; i < 6; i++)
        await store.operations.begin({ ...login(`U${i}`, 'dead'), agentId: `agent-${i}` });
      clock.advance(10 * MINUTE);
      const replicaB = await open();
      const [a, b] = await Promise.all([
        store.operations.claimStale(MINUTE, 'replica-a'),
        replicaB.operations.claimStale(MINUTE, 'replica-b'),
      ]);
      const ids = [...a, ...b].map((o) => o.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });
  });

  describe('operation guard backed by the store', () => {
    it('holds the agent across store instances until end(), and end() is safe to repeat', async () => {
      const { store, open, clock } = h();
      const guardA = createStoreOperationGuard(store, { owner: 'replica-a' });
      const guardB = createStoreOperationGuard(await open(), { owner: 'replica-b' });

      const held = await guardA.begin(ANA, 'login', 'U1');
      if (!held.ok) throw new Error('expected to acquire');
      expect(await guardB.begin(ANA, 'switch', 'U2')).toEqual({
        ok: false,
        startedBy: 'U1',
        startedAt: new Date(clock.now()),
        action: 'login',
      });
      await held.end();
      await held.end();
      expect((await store.operations.get(held.id))?.outcome).toBe('ok');
      expect((await guardB.begin(ANA, 'switch', 'U2')).ok).toBe(true);
    });

    it('records the target, the Slack message and the outcome given to end(), for a successor to finish', async () => {
      const { store } = h();
      const guard = createStoreOperationGuard(store, { owner: 'replica-a' });
      const message = { channel: 'C1', ts: '', responseUrl: 'https://hooks.example/r' };
      const held = await guard.begin(ANA, 'login', 'U1', { target: { skill: 'sk-1' }, message });
      if (!held.ok) throw new Error('expected to acquire');
      expect(await store.operations.get(held.id)).toMatchObject({ target: { skill: 'sk-1' }, message });
      await held.end('verified');
      expect((await store.operations.get(held.id))?.outcome).toBe('verified');
    });

    it("gives a restarted replica back what its previous process left once the claim lapsed, and no one else's", async () => {
      const { store, clock } = h();
      const mine = await store.operations.begin(login('U1', 'host-a:3000/previous'));
      const theirs = await store.operations.begin({ ...login('U2', 'host-b:3000/other'), agentId: BO });
      if (!mine.ok || !theirs.ok) throw new Error('expected both begins to win');
      const finished = await store.operations.begin({ ...login('U3', 'host-a:3000/previous'), agentId: CY });
      if (!finished.ok) throw new Error('expected the third begin to win');
      await store.operations.complete(finished.operation.id, 'verified');

      expect(await store.operations.claimOrphaned('host-a:3000/restarted', 10_000)).toEqual([]);
      clock.advance(10_001);
      const orphans = await store.operations.claimOrphaned('host-a:3000/restarted', 10_000);

      expect(orphans.map((o) => [o.id, o.owner])).toEqual([[mine.operation.id, 'host-a:3000/restarted']]);
      expect(await store.operations.claimOrphaned('host-c:3000/any', 10_000)).toEqual([]);
    });
  });
}
