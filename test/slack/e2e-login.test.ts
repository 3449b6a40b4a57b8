import type { SimAgent } from '../../src/simulator';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids';
import {
  AUDIT_CHANNEL,
  allText,
  findButton,
  GROUP_MEMBER,
  type Harness,
  hasButtons,
  OUTSIDER,
  SUPERVISOR,
  SUPERVISOR_2,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { formPayload, postSigned, suggestionPayload } from './slack-requests';

/** End to end: the verified one-click login and the other state changes, against the simulator. */

const LOGIN_POST = 'POST /api/v2/agents/{agentId}/states';
const LOGOUT_DELETE = 'DELETE /api/v2/agents/{agentId}/states/{stateId}';

let h: Harness;
let agents: SimAgent[];

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing' });
  agents = h.sim.tenant.agents.filter((a) => a.isActive);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const skill = (name: string) => h.sim.tenant.skillByName(name)!;
const activity = (name: string) => h.sim.tenant.activityByName(name)!;
const auditPosts = () => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === AUDIT_CHANNEL);

/** An agent with no state, and the "Log agent in" button of its status card. */
async function emptyAgentCard(agent: SimAgent) {
  await h.control.setAgentStates(agent.id, []);
  const card = await waitForPost(h, (await h.command(agent.email)).responseId);
  const button = findButton(card, ACTION.login);
  if (!button) throw new Error(`no login button in ${allText(card)}`);
  return { card, button };
}

describe('clicking "Log agent in"', () => {
  it('replaces the card with progress, then with the verified result, and audits the change', async () => {
    const ana = agents[0]!;
    const { button } = await emptyAgentCard(ana);

    const click = await h.click(ACTION.login, button.value, SUPERVISOR);
    expect(click.status).toBe(200);

    const progress = await waitForPost(h, click.responseId, 1);
    expect(progress.replace_original).toBe(true);
    expect(allText(progress)).toContain('Logging in');
    expect(hasButtons(progress)).toBe(false);

    const result = await waitForPostWith(h, click.responseId, 'verified in');
    expect(result.replace_original).toBe(true);
    expect(allText(result)).toMatch(
      new RegExp(
        `Logged in to \\*Billing\\* as \\*Available\\* by <@${SUPERVISOR}> — verified in \\d+\\.\\d s`,
      ),
    );
    expect(h.sim.tenant.visibleStates(ana.id).map((s) => s.skillId)).toEqual([skill('Billing').id]);
    expect(await h.control.count(LOGIN_POST)).toBe(1);

    const audit = await waitFor('the audit message', () => auditPosts()[0]);
    expect(String(audit.args.text)).toMatch(
      new RegExp(
        `<@${SUPERVISOR}> log in \\*${ana.firstName} ${ana.lastName}\\* .*\\(Billing\\): \\*verified\\* in \\d+\\.\\d s`,
      ),
    );
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toContain('agentstate_logins_total{action="login",outcome="verified"} 1');
    expect(metrics).toContain('agentstate_login_verify_seconds_count{action="login"} 1');
  });

  it('refuses someone who is not a supervisor and posts nothing to CXone', async () => {
    const { button } = await emptyAgentCard(agents[1]!);
    const click = await h.click(ACTION.login, button.value, OUTSIDER);
    const reply = await waitForPost(h, click.responseId);
    expect(allText(reply)).toContain('Only supervisors can change agent states');
    expect(reply.replace_original).toBe(false);
    expect(await h.control.count(LOGIN_POST)).toBe(0);
    expect(auditPosts()).toEqual([]);
  });

  it('lets members of the supervisor user group log agents in', async () => {
    const { button } = await emptyAgentCard(agents[2]!);
    const click = await h.click(ACTION.login, button.value, GROUP_MEMBER);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(await h.control.count(LOGIN_POST)).toBe(1);
  });

  it('posts exactly one login when two supervisors click at once, and tells the second who is at it', async () => {
    const { button } = await emptyAgentCard(agents[3]!);
    const [a, b] = await Promise.all([
      h.click(ACTION.login, button.value, SUPERVISOR),
      h.click(ACTION.login, button.value, SUPERVISOR_2),
    ]);
    const busy = await waitFor('the busy reply', () =>
      [a, b]
        .flatMap((c) => h.slack.postsTo(c.responseId))
        .find((p) => allText(p).includes('already in progress, started by')),
    );
    const winner = allText(busy).includes(`<@${SUPERVISOR}>`) ? a : b;
    await waitForPostWith(h, winner.responseId, 'verified in');
    expect(await h.control.count(LOGIN_POST)).toBe(1);
    expect(auditPosts()).toHaveLength(1);
  });

  it('does not post again when the same click arrives again after the login finished', async () => {
    const { button } = await emptyAgentCard(agents[4]!);
    const first = await h.click(ACTION.login, button.value);
    await waitForPostWith(h, first.responseId, 'verified in');
    const again = await h.click(ACTION.login, button.value);
    await waitForPostWith(h, again.responseId, 'already logged in');
    expect(await h.control.count(LOGIN_POST)).toBe(1);
    expect(auditPosts()).toHaveLength(1);
  });

  it('explains a login that CXone accepts but never shows, with valid states and a Retry button', async () => {
    const agent = agents[5]!;
    await h.control.setAgentStates(agent.id, []);
    const billing = skill('Billing');
    const loggedOut = h.sim.tenant.stateDefinitions(billing.id).find((d) => d.name === 'Logged Out')!;
    const value = JSON.stringify({
      a: agent.id,
      s: billing.id,
      st: loggedOut.id,
      ac: activity('Available').id,
    });

    const click = await h.click(ACTION.login, value);
    const result = await waitForPostWith(h, click.responseId, 'never appeared');
    const text = allText(result);
    expect(text).toContain('Valid states for Billing');
    expect(text).toContain(h.sim.tenant.loginStateId(billing.id)!);
    expect(text).not.toContain('Valid activities'); // the activity was valid: only the states are listed
    expect(findButton(result, ACTION.login)?.text.text).toBe('Retry as Logged In');
    expect(findButton(result, ACTION.openLoginModal)).toBeDefined();
  });
});

describe('a conflicting skill (409)', () => {
  it('shows the conflicting skill and switches with one click: logout, login, verify', async () => {
    const agent = agents[6]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Sales EN').id }]);

    const confirm = await waitForPost(h, (await h.command(`login ${agent.email} Sales ES`)).responseId);
    const login = findButton(confirm, ACTION.login)!;
    const click = await h.click(ACTION.login, login.value);
    const conflict = await waitForPostWith(h, click.responseId, 'conflicts');
    expect(allText(conflict)).toContain('already logged in to *Sales EN*');
    const switchButton = findButton(conflict, ACTION.switchSkill)!;
    expect(switchButton.text.text).toBe('Switch to Sales ES');

    const switchClick = await h.click(ACTION.switchSkill, switchButton.value);
    await waitForPostWith(h, switchClick.responseId, 'verified in');
    expect(h.sim.tenant.visibleStates(agent.id).map((s) => s.skillId)).toEqual([skill('Sales ES').id]);
    expect(await h.control.count(LOGOUT_DELETE)).toBe(1);
  });
});

describe('/agentstate login and logout', () => {
  it('explains an unknown skill with the valid choices and posts nothing', async () => {
    const card = await waitForPost(h, (await h.command(`login ${agents[7]!.email} Astrology`)).responseId);
    expect(allText(card)).toContain('Astrology');
    expect(allText(card)).toContain('Support Tier 1');
    expect(await h.control.count(LOGIN_POST)).toBe(0);
  });

  it('refuses a non-supervisor before reading anything from CXone', async () => {
    const before = (await h.control.counts()).total;
    const card = await waitForPost(h, (await h.command(`login ${agents[7]!.email}`, OUTSIDER)).responseId);
    expect(allText(card)).toContain('Only supervisors');
    expect((await h.control.counts()).total).toBe(before);
  });

  it('asks to confirm, then logs out and confirms the state is gone', async () => {
    const agent = agents[8]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    const confirm = await waitForPost(h, (await h.command(`logout ${agent.userName}`)).responseId);
    expect(allText(confirm)).toContain('Retention');
    expect(await h.control.count(LOGOUT_DELETE)).toBe(0);

    const click = await h.click(ACTION.logout, findButton(confirm, ACTION.logout)!.value);
    await waitForPostWith(h, click.responseId, 'logged out of *Retention*');
    expect(h.sim.tenant.visibleStates(agent.id)).toEqual([]);
    await waitFor('the audit message', () => auditPosts()[0]);
  });
});

describe('the login modal', () => {
  it('opens with defaults, searches skills, and logs in to the chosen skill in the original card', async () => {
    const agent = agents[9]!;
    const { card } = await emptyAgentCard(agent);
    const other = findButton(card, ACTION.openLoginModal)!;
    const click = await h.click(ACTION.openLoginModal, other.value);

    const update = await waitFor('the filled-in modal', () => h.slack.callsTo('views.update')[0]);
    expect(h.slack.callsTo('views.open')).toHaveLength(1);
    const view = update.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(VIEW.login);
    expect(allText(view)).toContain('Billing');

    const suggestion = await postSigned(
      `${h.baseUrl}/slack/events`,
      'test-signing-secret',
      formPayload(suggestionPayload(SUPERVISOR, ACTION.skillSelect, BLOCK.skill, 'ret')),
    );
    expect(JSON.parse(suggestion.text).options).toEqual([
      { text: { type: 'plain_text', text: 'Retention' }, value: skill('Retention').id },
    ]);

    const submitted = await h.submit(SUPERVISOR, view, {
      [BLOCK.skill]: { [ACTION.skillSelect]: { selected_option: { value: skill('Retention').id } } },
      [BLOCK.state]: { [ACTION.stateSelect]: { selected_option: { value: 'login' } } },
      [BLOCK.activity]: { [ACTION.activitySelect]: { selected_option: { value: activity('Busy').id } } },
    });
    expect(submitted.status).toBe(200);
    const result = await waitForPostWith(h, click.responseId, 'verified in');
    expect(allText(result)).toContain('Logged in to *Retention* as *Busy*');
  });

  it('shows a field error when no skill was picked', async () => {
    const agent = agents[10]!;
    const submitted = await h.submit(
      SUPERVISOR,
      { callback_id: VIEW.login, private_metadata: JSON.stringify({ a: agent.id }) },
      {},
    );
    expect(JSON.parse(submitted.text)).toEqual({
      response_action: 'errors',
      errors: { skill: 'Pick a skill.' },
    });
    expect(await h.control.count(LOGIN_POST)).toBe(0);
  });
});
