import { SESSION_ACTION } from '../../src/slack/sessions/values';
import { allText, findButton, waitFor, waitForPostWith } from './harness';
import { expectNoForeignMarkup, HOSTILE_NAMES as H } from './markup-safety';
import { type SessionHarness, startSessionHarness } from './session-harness';
import { buttonPayload } from './slack-requests';

/**
 * The Slack app on a real tenant's API (the incontact dialect) with agents, teams, unavailable reasons
 * and skills named to ping or link: every message it sends in every flow is checked for markup it did not
 * write, as for the tutorial's API (e2e-hostile-names.test.ts).
 */

let h: SessionHarness;
type Renamed = Record<string, string>;

beforeAll(async () => {
  h = await startSessionHarness({ store: true });
  const { tenant } = h.sim;
  const roles = ['unavailable', 'available', 'onContact', 'loggedOut'] as const;
  const names = [H.channel, H.here, H.subteam, H.link];
  roles.forEach((role, i) => {
    Object.assign(tenant.demoAgent(role) as unknown as Renamed, { firstName: names[i]!, lastName: H.user });
  });
  for (const team of tenant.catalog.teamById.values())
    Object.assign(team as unknown as Renamed, { teamName: H.room });
  for (const code of tenant.catalog.codes)
    Object.assign(code as unknown as Renamed, { name: `${code.name} ${H.everyone}` });
  for (const skill of tenant.catalog.skills)
    Object.assign(skill as unknown as Renamed, { skillName: H.link });
  h.slack.users.set('UAGENT1', { id: 'UAGENT1', email: tenant.demoAgent('loggedOut').email });
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());
afterEach(() => {
  const shown = new Set([
    'chat.postMessage',
    'chat.update',
    'chat.postEphemeral',
    'views.open',
    'views.update',
    'views.publish',
  ]);
  expectNoForeignMarkup([
    ...h.slack.calls
      .filter((c) => shown.has(c.method))
      .map((c, i) => ({ where: `${c.method} #${i}`, message: c.args })),
    ...h.slack.responses.map((r) => ({ where: `response_url ${r.id}`, message: r.body })),
  ]);
});

async function reply(text: string) {
  const sent = await h.command(text);
  return waitFor(`the reply to ${text}`, () => h.slack.postsTo(sent.responseId)[0]);
}

function buttonValue(card: unknown, actionId: string): string {
  const b = findButton(card as { blocks?: unknown[] }, actionId);
  if (!b) throw new Error(`no ${actionId} button in ${allText(card)}`);
  return b.value;
}

it('status, diagnose, history, floor and audit', async () => {
  // The names reached the cards, escaped.
  expect(allText(await reply(h.agent('unavailable')))).toContain('&lt;!channel&gt;');
  for (const role of ['unavailable', 'available', 'onContact', 'loggedOut'] as const) {
    await reply(h.agent(role));
    await reply(`diagnose ${h.agent(role)}`);
    await reply(`history ${h.agent(role)}`);
  }
  await reply('floor');
  await reply(`unavailable ${h.agent('available')} ${H.channel}`);
  await reply('audit');
});

it('make available, set unavailable with a reason, force log out, ask a logged-out agent', async () => {
  const unavailable = await reply(h.agent('unavailable'));
  const made = await h.click(SESSION_ACTION.available, buttonValue(unavailable, SESSION_ACTION.available));
  await waitForPostWith(h, made.responseId, 'verified in');

  const available = await reply(h.agent('available'));
  const pick = await h.click(SESSION_ACTION.pickReason, buttonValue(available, SESSION_ACTION.pickReason));
  const picker = await waitFor('the reason picker', () => h.slack.postsTo(pick.responseId)[0]);
  const option = (picker.blocks as Array<{ accessory?: { options?: Array<{ value: string }> } }>).flatMap(
    (b) => b.accessory?.options ?? [],
  )[0]!;
  const select = buttonPayload(SESSION_ACTION.unavailable, '', 'USUPER1', h.slack.responseUrl('select'));
  select.actions[0] = { ...select.actions[0]!, type: 'static_select', selected_option: option } as never;
  await h.interact(select);
  await waitForPostWith(h, 'select', 'verified in');

  const onContact = await reply(h.agent('onContact'));
  const out = await h.click(SESSION_ACTION.logout, buttonValue(onContact, SESSION_ACTION.logout));
  await waitForPostWith(h, out.responseId, 'verified in');

  const loggedOut = await reply(h.agent('loggedOut'));
  const ask = await h.click(SESSION_ACTION.ask, buttonValue(loggedOut, SESSION_ACTION.ask));
  await waitForPostWith(h, ask.responseId, 'waiting for them');
  await waitFor('the DM to the agent', () => h.slack.messagesTo('UAGENT1')[0]);
});
