import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import { decode, pickAgentValueSchema } from '../../src/slack/payloads';
import {
  allText,
  findButton,
  type Harness,
  OUTSIDER,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
} from './harness';

/** End to end: picking one of several agents goes on with the command that was typed, skill or channel included. */

let h: Harness;
let first: string;
let namesakes: SimAgent[];

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  const active = h.sim.tenant.agents.filter((a) => a.isActive);
  const shared = active.find((a) => active.filter((b) => b.firstName === a.firstName).length > 1);
  if (!shared) throw new Error('the seeded tenant has no shared first name');
  first = shared.firstName;
  namesakes = active.filter((a) => a.firstName === first);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

/** The candidate button of `agent` on a "matches N agents" card. */
function candidate(card: { blocks?: unknown[] }, agent: SimAgent) {
  const rows = (card.blocks ?? []) as {
    accessory?: { action_id?: string; value?: string; text?: { text: string } };
  }[];
  const row = rows.find(
    (b) => b.accessory?.action_id === ACTION.pickAgent && b.accessory.value?.includes(agent.id),
  );
  if (!row?.accessory) throw new Error(`no candidate button for ${agent.id} in ${allText(card)}`);
  return row.accessory as { value: string; text: { text: string } };
}

describe('picking one of several agents', () => {
  it('continues a login with the skill that was typed, and the button says "Log in"', async () => {
    const pick = namesakes[0] as SimAgent;
    await h.control.setAgentStates(pick.id, []);
    const list = await waitForPost(
      h,
      (await h.command(`login ${first.toLowerCase()} retention`, SUPERVISOR)).responseId,
    );
    expect(allText(list)).toMatch(/matches \d+ agents/);
    const button = candidate(list, pick);
    expect(button.text.text).toBe('Log in');
    expect(decode(pickAgentValueSchema, button.value)).toEqual({ a: pick.id, c: 'login', x: 'retention' });

    const click = await h.click(ACTION.pickAgent, button.value, SUPERVISOR);
    const next = await waitForPost(h, click.responseId);
    expect(next.replace_original).toBe(true);
    expect(allText(next)).toContain(`Log ${pick.firstName} ${pick.lastName} in to Retention`);
    expect(findButton(next, ACTION.login)).toBeDefined();
  });

  it('continues a watch in the channel it was typed in, and the button says "Watch"', async () => {
    const pick = namesakes[1] as SimAgent;
    const list = await waitForPost(h, (await h.command(`watch ${first}`, SUPERVISOR)).responseId);
    const button = candidate(list, pick);
    expect(button.text.text).toBe('Watch');
    const click = await h.click(ACTION.pickAgent, button.value, SUPERVISOR);
    const next = await waitForPost(h, click.responseId);
    expect(allText(next)).toContain(`Now watching ${pick.firstName} ${pick.lastName}`);
    await waitFor('the channel confirmation', () =>
      h.slack.callsTo('chat.postMessage').find((c) => String(c.args.text).includes(pick.lastName)),
    );
  });

  it('continues a logout, and a member who may not change states is refused at the click', async () => {
    const pick = namesakes[0] as SimAgent;
    await h.control.setAgentStates(pick.id, [{ skillId: h.sim.tenant.skillByName('Billing')!.id }]);
    const list = await waitForPost(h, (await h.command(`logout ${first}`, SUPERVISOR)).responseId);
    const button = candidate(list, pick);
    expect(button.text.text).toBe('Log out');
    const refused = await waitForPost(
      h,
      (await h.click(ACTION.pickAgent, button.value, OUTSIDER)).responseId,
    );
    expect(findButton(refused, ACTION.logout)).toBeUndefined();
    const next = await waitForPost(h, (await h.click(ACTION.pickAgent, button.value, SUPERVISOR)).responseId);
    expect(findButton(next, ACTION.logout)).toBeDefined();
  });

  it('refuses a forged value: a watch without a channel, or an argument on a command that takes none', () => {
    const a = '6f1e0c8a-3b7d-4a40-9c55-0f1a2b3c4d5e';
    expect(decode(pickAgentValueSchema, JSON.stringify({ a, c: 'watch' }))).toBeUndefined();
    expect(decode(pickAgentValueSchema, JSON.stringify({ a, c: 'watch', x: 'general' }))).toBeUndefined();
    expect(decode(pickAgentValueSchema, JSON.stringify({ a, c: 'diagnose', x: 'x' }))).toBeUndefined();
    expect(decode(pickAgentValueSchema, JSON.stringify({ a, c: 'drop' }))).toBeUndefined();
    expect(decode(pickAgentValueSchema, JSON.stringify({ a, c: 'watch', x: 'C123' }))).toEqual({
      a,
      c: 'watch',
      x: 'C123',
    });
  });
});
