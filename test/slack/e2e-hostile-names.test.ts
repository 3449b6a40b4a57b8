import { systemClock } from '../../src/agentstate/ports';
import type { SimActivity, SimAgent, SimSkill } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import { createSlackWatchNotifier } from '../../src/slack/watch-notifier';
import {
  AUDIT_CHANNEL,
  allText,
  findButton,
  type Harness,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { expectNoForeignMarkup, HOSTILE_NAMES as H } from './markup-safety';
import { CHANNEL } from './slack-requests';

/**
 * The running app against a tenant whose agents, skills and activities are named to ping channels,
 * groups and people or to add links: every message it sends in every flow (replies, channel posts, the
 * audit channel, Share, watch notices, the login modal, App Home) is checked for markup it did not write.
 */

let h: Harness;
let ana: SimAgent;
let ben: SimAgent;
let cai: SimAgent;
let salesEn: SimSkill;
let salesEs: SimSkill;
let busy: SimActivity;

type Named = { firstName: string; lastName: string; name: string };

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  const tenant = h.sim.tenant;
  [ana, ben, cai] = tenant.agents.filter((a) => a.isActive) as [SimAgent, SimAgent, SimAgent];
  salesEn = tenant.skillByName('Sales EN')!;
  salesEs = tenant.skillByName('Sales ES')!;
  busy = tenant.activityByName('Busy')!;
  // The simulator serves its tenant objects as they are: renaming them is what CXone would then answer.
  Object.assign(ana as unknown as Named, { firstName: H.channel, lastName: H.link });
  Object.assign(ben as unknown as Named, { firstName: H.subteam, lastName: H.user });
  Object.assign(cai as unknown as Named, { firstName: H.here, lastName: H.amp });
  Object.assign(salesEn as unknown as Named, { name: H.everyone });
  Object.assign(salesEs as unknown as Named, { name: `Sales ${H.room}` });
  Object.assign(tenant.skillByName('Billing') as unknown as Named, { name: `${H.link} Billing` });
  Object.assign(busy as unknown as Named, { name: H.here });
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

/** Everything the app sent during the test: Web API calls that show text, and response_url posts. */
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

const channelPosts = () => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL.id);
const auditPosts = () => h.slack.messagesTo(AUDIT_CHANNEL);

/** Clicks a button of a card and returns the click's response id. */
async function clickIn(card: { blocks?: unknown[] }, actionId: string): Promise<string> {
  const button = findButton(card, actionId);
  if (!button) throw new Error(`no ${actionId} button in ${allText(card)}`);
  return (await h.click(actionId, button.value)).responseId;
}

async function reply(text: string) {
  return waitForPost(h, (await h.command(text)).responseId);
}

it('status, diagnose and skills, each shared in the channel', async () => {
  await h.control.setAgentStates(ana.id, [{ skillId: salesEn.id, activityId: busy.id }]);
  await h.control.setAgentStates(ben.id, []);
  for (const text of [ana.email, ben.email, `diagnose ${ben.email}`, 'skills']) {
    await clickIn(await reply(text), ACTION.share);
  }
  await waitFor('four shared cards', () => channelPosts().length === 4);
});

it('a login confirmed, verified, shared and audited; a conflict and the switch it offers', async () => {
  await h.control.setAgentStates(ben.id, []);
  const confirm = await reply(`login ${ben.email}`);
  const login = await clickIn(confirm, ACTION.login);
  const result = await waitForPostWith(h, login, 'verified in');
  await clickIn(result, ACTION.share);
  await waitFor('the shared result', () => channelPosts()[0]);

  await h.control.setAgentStates(cai.id, [{ skillId: salesEn.id }]);
  const conflicted = await clickIn(await reply(`login ${cai.email} ${salesEs.id}`), ACTION.login);
  const conflict = await waitForPostWith(h, conflicted, 'conflicts with it');
  await clickIn(conflict, ACTION.share);
  const switched = await clickIn(conflict, ACTION.switchSkill);
  await waitForPostWith(h, switched, 'verified in');
  await waitFor('three audit lines', () => auditPosts().length === 3);
});

it('a logout confirmed and shared', async () => {
  await h.control.setAgentStates(ana.id, [{ skillId: salesEn.id, activityId: busy.id }]);
  const logout = await clickIn(await reply(`logout ${ana.email}`), ACTION.logout);
  const result = await waitForPostWith(h, logout, 'logged out of');
  await clickIn(result, ACTION.share);
  await waitFor('the shared result and the audit line', () => channelPosts()[0] && auditPosts()[0]);
});

it('watch, watching, unwatch, audit and App Home', async () => {
  await h.control.setAgentStates(ana.id, [{ skillId: salesEn.id, activityId: busy.id }]);
  await reply(`watch ${ana.email}`);
  expect(allText(await reply('watching'))).toContain('&lt;!here&gt;');
  await reply(`unwatch ${ana.email}`);
  await reply('audit');
  await h.event({ type: 'app_home_opened', user: SUPERVISOR, channel: 'D0001', tab: 'home' });
  await waitFor('the App Home', () => h.slack.callsTo('views.publish')[0]);
});

it('what a user typed, echoed back: an unknown agent, an unknown skill', async () => {
  await reply(H.here);
  await reply(`diagnose ${H.channel}`);
  await reply(`login ${ana.email} ${H.link}`);
});

it('the login form', async () => {
  await h.control.setAgentStates(ben.id, []);
  await clickIn(await reply(ben.email), ACTION.openLoginModal);
  await waitFor('the form', () => h.slack.callsTo('views.update')[0]);
});

it('watch notices: a digest, a single drop, the reply when they are back and the resolved parent', async () => {
  const notifier = createSlackWatchNotifier({
    client: h.app.app.client,
    service: h.service,
    logger: h.logger,
    clock: systemClock,
  });
  const drop = (a: SimAgent) => ({
    agentId: a.id,
    agentName: `${a.firstName} ${a.lastName}`,
    lastSkillId: salesEn.id,
    previousStates: [],
    at: new Date(),
  });
  const [digest] = await notifier.dropped(CHANNEL.id, [drop(ana), drop(ben)]);
  await notifier.dropped(CHANNEL.id, [drop(cai)]);
  const state = {
    agentId: ana.id,
    stateId: h.sim.tenant.loginStateId(salesEs.id)!,
    skillId: salesEs.id,
    activityId: busy.id,
    loginTime: new Date().toISOString(),
  };
  await notifier.returned(CHANNEL.id, [
    {
      agentId: ana.id,
      agentName: drop(ana).agentName,
      messageTs: digest!.messageTs,
      states: [state],
      at: new Date(),
    },
  ]);
  expect(h.slack.callsTo('chat.update')).toHaveLength(1);
});

it('a forged Share value cannot make the app post words of someone else’s choosing', async () => {
  const forged = await h.click(ACTION.share, JSON.stringify({ k: 'text', t: `${H.channel} ${H.link}` }));
  await waitForPostWith(h, forged.responseId, 'out of date');
  const change = { k: 'change', a: ana.id, o: 'verified', s: [salesEn.id], ac: busy.id, ms: 1200 };
  await h.click(ACTION.share, JSON.stringify(change));
  const post = await waitFor('the change, shared in the app’s words', () => channelPosts()[0]);
  expect(post.args.text).toBe(
    '*&lt;!channel&gt; &lt;http://evil.example|click&gt;*: logged in to *&lt;!everyone&gt;* as *&lt;!here&gt;* — verified in 1.2 s',
  );
  expect(channelPosts()).toHaveLength(1);
});
