import type { AuditEntryInput } from '../../../src/store';
import type { StoreHarness } from '../harness';

const ANA = '11111111-1111-1111-1111-111111111111';
const BO = '22222222-2222-2222-2222-222222222222';

function entry(at: string, over: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return { at: new Date(at), actor: 'U1', action: 'login', agentId: ANA, outcome: 'verified', ...over };
}

export function auditContract(h: () => StoreHarness): void {
  describe('audit log', () => {
    it('keeps every field of an entry, and leaves unset optional fields absent', async () => {
      const { store } = h();
      const full = entry('2025-03-01T09:00:00.000Z', {
        agentName: 'Ana Ruiz',
        target: 'Sales EN',
        verifyMs: 2345,
        requestId: 'req-42',
        detail: 'login verified after 3 polls',
      });
      const saved = await store.audit.record(full);
      await store.audit.record(entry('2025-03-01T09:01:00.000Z', { action: 'logout', outcome: 'ok' }));

      expect(saved).toEqual({ id: expect.any(Number), ...full });
      const [newest, oldest] = await store.audit.latest({ limit: 10 });
      expect(oldest).toEqual(saved);
      expect(newest).toEqual({
        id: expect.any(Number),
        at: new Date('2025-03-01T09:01:00.000Z'),
        actor: 'U1',
        action: 'logout',
        agentId: ANA,
        outcome: 'ok',
      });
    });

    it('returns the newest entries first, filtered by agent or actor, up to the limit', async () => {
      const { store } = h();
      await store.audit.record(entry('2025-03-01T09:00:00.000Z', { detail: 'a1' }));
      await store.audit.record(entry('2025-03-01T09:05:00.000Z', { agentId: BO, detail: 'b1' }));
      await store.audit.record(entry('2025-03-01T09:02:00.000Z', { actor: 'cli:root', detail: 'a2' }));
      await store.audit.record(entry('2025-03-01T09:09:00.000Z', { detail: 'a3', outcome: 'conflict' }));

      const details = async (q: Parameters<typeof store.audit.latest>[0]) =>
        (await store.audit.latest(q)).map((e) => e.detail);
      expect(await details({ limit: 10 })).toEqual(['a3', 'b1', 'a2', 'a1']);
      expect(await details({ agentId: ANA, limit: 10 })).toEqual(['a3', 'a2', 'a1']);
      expect(await details({ agentId: ANA, limit: 2 })).toEqual(['a3', 'a2']);
      expect(await details({ actor: 'cli:root', limit: 10 })).toEqual(['a2']);
      expect(await details({ agentId: 'nobody', limit: 10 })).toEqual([]);
    });

    it('orders entries with the same timestamp by insertion, newest first', async () => {
      const { store } = h();
      for (const d of ['first', 'second', 'third'])
        await store.audit.record(entry('2025-03-01T09:00:00.000Z', { detail: d }));
      expect((await store.audit.latest({ limit: 3 })).map((e) => e.detail)).toEqual([
        'third',
        'second',
        'first',
      ]);
    });
  });
}
