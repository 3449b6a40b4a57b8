import {
  BadRequestError,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
} from '../../src/cxone/errors';
import { agent, watch } from './fakes';
import { type EngineHarness, engineHarness } from './harness';

const ANA = agent(1);

describe('watch engine: CXone refusing or failing', () => {
  let h: EngineHarness;

  async function start(opts: Parameters<typeof engineHarness>[0] = {}) {
    h = await engineHarness(opts);
    h.cxone.login(ANA);
    await watch(h.store, 'C1', ANA);
    await h.engine.runCycle();
  }

  afterEach(() => h.store.close());

  describe('429 during a cycle', () => {
    it('waits Retry-After, skips the cycle without moving the cursor, and the next cycle reports the drop once', async () => {
      await start();
      const cursor = await h.store.watcher.getCursor();
      h.cxone.logout(ANA);
      h.cxone.failNext('getAllAgentStates', new RateLimitedError('slow down', 7_000, { status: 429 }));

      const limited = await h.engine.runCycle();

      expect(limited).toMatchObject({ mode: 'skipped', waitedMs: 7_000, cxoneCalls: 1, notifications: 0 });
      expect(limited.reason).toMatch(/rate limited/);
      expect(h.clock.sleeps).toEqual([7_000]);
      expect(await h.store.watcher.getCursor()).toBe(cursor);
      expect(h.notifier.droppedCalls).toEqual([]);

      const next = await h.engine.runCycle();
      expect(h.cxone.sinceSeen.slice(-2)).toEqual([cursor, cursor]); // the skipped poll's window is re-read
      await h.engine.runCycle();
      expect(next).toMatchObject({ mode: 'bulk', drops: 1, notifications: 1 });
      expect(h.notifier.posted).toHaveLength(1);
    });

    it('waits no longer than the configured bound, whatever Retry-After says', async () => {
      await start({ maxRateLimitWaitMs: 30_000 });
      h.cxone.failNext('getAllAgentStates', new RateLimitedError('slow down', 600_000));
      expect(await h.engine.runCycle()).toMatchObject({ mode: 'skipped', waitedMs: 30_000 });
    });

    it('waits a default pause when CXone gives no Retry-After', async () => {
      await start();
      h.cxone.failNext('getAllAgentStates', new RateLimitedError('slow down', undefined));
      expect(await h.engine.runCycle()).toMatchObject({ mode: 'skipped', waitedMs: 5_000 });
    });

    it('stops waiting at once when the cycle is aborted', async () => {
      await start();
      h.cxone.failNext('getAllAgentStates', new RateLimitedError('slow down', 7_000));
      const controller = new AbortController();
      controller.abort();
      const report = await h.engine.runCycle({ signal: controller.signal });
      expect(report).toMatchObject({ mode: 'skipped', waitedMs: 0 });
    });

    it('in per-agent mode, stops reading the remaining agents and skips the cycle', async () => {
      await start({ perAgentConcurrency: 2 });
      for (let i = 0; i < 20; i++) await watch(h.store, 'C1', agent(10 + i));
      h.cxone.bulkError = new MissingScopeError('forbidden', 'Agent-Read', { status: 403 });
      h.cxone.failNext('getAgentStates', new RateLimitedError('slow down', 1_000));

      const report = await h.engine.runCycle();

      expect(report).toMatchObject({ mode: 'skipped', waitedMs: 1_000 });
      expect(h.cxone.calls.getAgentStates).toBeLessThanOrEqual(3);
    });
  });

  it.each([
    ['5xx', new UnavailableError('boom', 'server', { status: 503 })],
    ['timeout', new UnavailableError('slow', 'timeout')],
  ])(
    'when CXone fails with %s, then the cycle is skipped with the reason and the cursor stays',
    async (_, error) => {
      await start();
      const cursor = await h.store.watcher.getCursor();
      h.cxone.logout(ANA);
      h.cxone.failNext('getAllAgentStates', error);

      const report = await h.engine.runCycle();

      expect(report).toMatchObject({ mode: 'skipped', reason: expect.stringMatching(/^unavailable: /) });
      expect(h.clock.sleeps).toEqual([]);
      expect(await h.store.watcher.getCursor()).toBe(cursor);
      expect((await h.engine.runCycle()).drops).toBe(1);
    },
  );

  it('when the cursor is rejected as a bad date, then the cycle reads a full snapshot instead', async () => {
    await start();
    h.cxone.logout(ANA);
    h.cxone.failNext(
      'getAllAgentStates',
      new BadRequestError('updatedSince must be a date', { status: 400 }),
    );

    const report = await h.engine.runCycle();

    expect(report).toMatchObject({ mode: 'bulk', drops: 1, cxoneCalls: 2 });
    expect(h.cxone.sinceSeen.at(-1)).toBeUndefined();
  });

  describe('bulk endpoint not available to this client', () => {
    it.each([
      ['403 missing scope', new MissingScopeError('forbidden', 'Agent-Read', { status: 403 })],
      ['404', new NotFoundError('no such route', 'resource', undefined, { status: 404 })],
      ['400', new BadRequestError('unsupported', { status: 400 })],
    ])('on %s, falls back to per-agent reads with bounded concurrency', async (_, error) => {
      h = await engineHarness({ perAgentConcurrency: 4 });
      h.cxone.bulkError = error;
      const agents = Array.from({ length: 30 }, (_, i) => agent(100 + i));
      for (const id of agents) {
        h.cxone.login(id);
        await watch(h.store, 'C1', id);
      }

      const baseline = await h.engine.runCycle();
      h.cxone.logout(agents[3]!);
      const next = await h.engine.runCycle();

      expect(baseline).toMatchObject({ mode: 'per-agent', watched: 30, notifications: 0 });
      expect(next).toMatchObject({ mode: 'per-agent', drops: 1, notifications: 1, cxoneCalls: 30 });
      expect(h.cxone.maxInFlight).toBe(4);
      expect(h.notifier.posted.map((p) => p.agentId)).toEqual([agents[3]]);
    });

    it('remembers the fallback for a while, then tries the bulk endpoint again', async () => {
      await start({ fallbackMs: 60_000 });
      h.cxone.bulkError = new MissingScopeError('forbidden', 'Agent-Read', { status: 403 });
      await h.engine.runCycle();
      const bulkCalls = h.cxone.calls.getAllAgentStates;

      await h.engine.runCycle();
      expect(h.cxone.calls.getAllAgentStates).toBe(bulkCalls);

      h.cxone.bulkError = undefined;
      h.clock.advance(60_000);
      h.cxone.logout(ANA);
      expect(await h.engine.runCycle()).toMatchObject({ mode: 'bulk', drops: 1 });
    });

    it('skips a watched agent CXone no longer knows instead of reporting it dropped', async () => {
      h = await engineHarness();
      h.cxone.bulkError = new MissingScopeError('forbidden', 'Agent-Read', { status: 403 });
      h.cxone.login(ANA);
      await watch(h.store, 'C1', ANA);
      await h.engine.runCycle();

      h.cxone.failNext('getAgentStates', new NotFoundError('gone', 'agent', ANA, { status: 404 }));
      expect(await h.engine.runCycle()).toMatchObject({ mode: 'per-agent', drops: 0, notifications: 0 });
    });
  });
});
