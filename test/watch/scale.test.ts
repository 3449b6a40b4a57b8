import type { Store } from '../../src/store';
import { agent, memoryStore } from './fakes';
import { engineHarness } from './harness';

const TENANT = 10_000;
const WATCHED = 2_000;
const CHANNELS = 20;

/** Counts store calls per method: the engine must batch, not make one round trip per agent. */
function counting(store: Store) {
  const counts = new Map<string, number>();
  const wrap = <T extends object>(part: T, prefix: string): T =>
    new Proxy(part, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const key = `${prefix}.${String(prop)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return value.apply(target, args);
        };
      },
    });
  const counted: Store = {
    ...store,
    subscriptions: wrap(store.subscriptions, 'subscriptions'),
    watcher: wrap(store.watcher, 'watcher'),
  };
  return { store: counted, counts, total: () => [...counts.values()].reduce((a, b) => a + b, 0) };
}

describe('watch engine at tenant scale', () => {
  it('handles 2,000 watched of 10,000 agents in 20 channels with 5 % changing per cycle in one CXone call and a bounded number of store calls', async () => {
    const raw = await memoryStore();
    const { store, counts, total } = counting(raw);
    const h = await engineHarness({ store });
    try {
      for (let i = 0; i < TENANT; i++) if (i % 3 === 0 || i < WATCHED) h.cxone.login(agent(i));
      for (let i = 0; i < WATCHED; i++) {
        await raw.subscriptions.add({
          channelId: `C${i % CHANNELS}`,
          agentId: agent(i),
          agentName: `A${i}`,
          createdBy: 'U1',
        });
      }
      await h.engine.runCycle(); // baseline: full snapshot

      const out: number[] = [];
      for (let cycle = 0; cycle < 4; cycle++) {
        // 5 % of the watched change: half drop out, the half that dropped last cycle come back.
        for (let k = 0; k < 50; k++) h.cxone.logout(agent(cycle * 50 + k));
        if (cycle > 0) for (let k = 0; k < 50; k++) h.cxone.login(agent((cycle - 1) * 50 + k));
        counts.clear();
        h.notifier.reset();
        const started = process.hrtime.bigint();
        const report = await h.engine.runCycle();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        out.push(ms);

        expect(report).toMatchObject({
          mode: 'bulk',
          watched: WATCHED,
          cxoneCalls: 1,
          drops: 50,
          undelivered: 0,
        });
        expect(report.returns).toBe(cycle > 0 ? 50 : 0);
        expect(report.changed).toBe(cycle > 0 ? 100 : 50);
        const dropCalls = new Map<string, number>();
        for (const c of h.notifier.droppedCalls)
          dropCalls.set(c.channelId, (dropCalls.get(c.channelId) ?? 0) + 1);
        expect(Math.max(...dropCalls.values())).toBe(1); // at most one drop message (or digest) per channel
        expect(counts.get('watcher.getStates')).toBe(1);
        expect(counts.get('watcher.saveStates')).toBe(1);
        expect(counts.get('watcher.claimDrops')).toBe(1);
        // Reads + claim + save + per channel at most one attach and one resolve: independent of agent count.
        expect(total()).toBeLessThanOrEqual(6 + 2 * CHANNELS + 1);
      }
      console.info(
        `watch cycle at scale (2,000 of 10,000 watched, 5 % changing): ${out.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`,
      );
      expect(Math.max(...out)).toBeLessThan(5_000); // generous: catches accidental O(n²), not a benchmark
    } finally {
      await raw.close();
    }
  });
});
