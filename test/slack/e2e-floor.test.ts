import { ACTION } from '../../src/slack/ids';
import { SESSION_ACTION } from '../../src/slack/sessions/values';
import {
  allText,
  findButton,
  type Harness,
  OUTSIDER,
  startHarness,
  waitFor,
  waitForPostWith,
} from './harness';
import { type SessionHarness, startSessionHarness } from './session-harness';

/** `/agentstate floor` in both dialects, through signed requests. */

describe("the floor on the tutorial's API", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("without a skill: a line per skill; Open draws that skill's floor in place", async () => {
    const sent = await h.command('floor');
    const summary = await waitFor('the summary', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(summary)).toContain('Floor: every skill');
    const open = findButton(summary as { blocks?: unknown[] }, ACTION.floorRefresh)!;
    const click = await h.click(ACTION.floorRefresh, open.value);
    const floor = await waitForPostWith(h, click.responseId, 'Floor: ');
    expect(allText(floor)).toMatch(/available · /);
  });
});

describe('the floor on a real tenant', () => {
  let h: SessionHarness;
  beforeAll(async () => {
    h = await startSessionHarness({ store: true, propagationDelayMs: 100 });
  });
  afterAll(() => h.close());

  it('a team at a glance, and one confirmed click makes its agents with no state or reason available', async () => {
    const team = h.sim.tenant.catalog.teamById.get(
      h.sim.tenant.demoAgent('loggedInNoState').teamId,
    )!.teamName;
    const sent = await h.command(`floor ${team}`);
    const card = await waitFor('the floor card', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(card)).toContain(`Floor: ${team}`);
    const fix = findButton(card as { blocks?: unknown[] }, SESSION_ACTION.floorFix)!;
    expect(fix.text.text).toMatch(/^Make \d+ agents? available$/);
    expect(fix.confirm?.text.text).toMatch(/checked again first/);
    // A member's click is refused and sends nothing.
    const refused = await h.click(SESSION_ACTION.floorFix, fix.value, OUTSIDER);
    await waitFor('the refusal', () => h.slack.postsTo(refused.responseId)[0]);
    expect(await h.control.count('POST /agents/{agentId}/state')).toBe(0);
    const click = await h.click(SESSION_ACTION.floorFix, fix.value);
    const result = await waitForPostWith(h, click.responseId, ' done.');
    expect(allText(result)).toMatch(/(\d+) of \1 done/);
    const audit = await h.store!.audit.latest({ limit: 50 });
    expect(audit.filter((e) => e.action === 'available' && e.outcome === 'verified').length).toBeGreaterThan(
      0,
    );
  });

  it('an unknown team lists the valid ones', async () => {
    const sent = await h.command('floor Nowhere');
    const reply = await waitFor('the reply', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(reply)).toMatch(/No team is called \*Nowhere\*/);
  });
});
