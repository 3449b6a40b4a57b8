import { createCatalog } from '../../src/agentstate/catalog';
import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import { ACTION } from '../../src/slack/ids';
import { createSlackWatchNotifier } from '../../src/slack/watch-notifier';
import {
  allText,
  findButton,
  type Harness,
  OUTSIDER,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';

/**
 * The tutorial's API has no notion of who belongs to a skill: the app's watch records are the roster. A
 * watched agent who dropped out of a skill shows on that skill's floor, and one confirmed click logs every
 * such agent back in, verified and audited.
 */
describe('the floor of a skill: logging dropped watched agents back in', () => {
  let h: Harness;
  let engine: WatchEngine;
  beforeAll(async () => {
    h = await startHarness({ store: true, propagationDelayMs: 100 });
    engine = createWatchEngine({
      cxone: h.cxone,
      store: h.store!,
      notifier: createSlackWatchNotifier({
        client: h.app.app.client,
        service: h.service,
        store: h.store!,
        logger: h.logger,
        clock: systemClock,
      }),
      clock: systemClock,
      logger: h.logger,
      catalog: createCatalog({ cxone: h.cxone, clock: systemClock }),
    });
  });
  afterAll(() => h.close());

  it('lists the dropped agents under Logged out and brings them back with one click', async () => {
    const retention = h.sim.tenant.skillByName('Retention')!;
    const pair = h.sim.tenant.agents.filter((a) => a.isActive).slice(0, 2);
    for (const a of pair) {
      await h.control.setAgentStates(a.id, [{ skillId: retention.id }]);
      await waitForPost(h, (await h.command(`watch ${a.email} <#COPS1|ops>`)).responseId);
    }
    await engine.runCycle();
    for (const a of pair) await h.control.setAgentStates(a.id, []);
    expect(await engine.runCycle()).toMatchObject({ drops: 2 });

    const sent = await h.command('floor Retention');
    const floor = await waitFor('the floor card', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(floor)).toMatch(/Logged out\* \(2\)/);
    const fix = findButton(floor as { blocks?: unknown[] }, ACTION.floorFix)!;
    expect(fix.text.text).toBe('Log 2 agents back in');

    const refused = await h.click(ACTION.floorFix, fix.value, OUTSIDER);
    await waitFor('the refusal', () => h.slack.postsTo(refused.responseId)[0]);
    expect(await h.control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);

    const click = await h.click(ACTION.floorFix, fix.value);
    const result = await waitForPostWith(h, click.responseId, ' done.');
    expect(allText(result)).toMatch(/2 of 2 done/);
    for (const a of pair)
      expect(h.sim.tenant.visibleStates(a.id).map((s) => s.skillId)).toEqual([retention.id]);
    const audit = await h.store!.audit.latest({ limit: 10 });
    expect(audit.filter((e) => e.action === 'login' && e.outcome === 'verified')).toHaveLength(2);
  });
});
