import { SESSION_ACTION } from '../../src/slack/sessions/values';
import { allText, findButton, OUTSIDER, SUPERVISOR, waitFor, waitForPostWith } from './harness';
import { type SessionHarness, startSessionHarness } from './session-harness';
import { buttonPayload } from './slack-requests';

/** The Slack app on a real tenant's API, driven only through signed requests, against the incontact simulator. */

const POST_STATE = 'POST /agents/{agentId}/state';

async function statusCard(h: SessionHarness, agent: string) {
  const sent = await h.command(agent);
  expect(sent.status).toBe(200);
  return waitFor('the status card', () => h.slack.postsTo(sent.responseId)[0]);
}

function buttonValue(card: unknown, actionId: string): string {
  const b = findButton(card as { blocks?: unknown[] }, actionId);
  if (!b) throw new Error(`no ${actionId} button in ${allText(card)}`);
  return b.value;
}

describe("Slack on a real tenant: status and the supervisor's changes", () => {
  let h: SessionHarness;
  beforeAll(async () => {
    h = await startSessionHarness({ store: true });
  });
  afterAll(() => h.close());
  beforeEach(() => h.control.reset({ propagationDelayMs: 200 }));

  it('the status card of an unavailable agent says why, and offers what CXone allows', async () => {
    const card = await statusCard(h, h.agent('unavailable'));
    const text = allText(card);
    expect(text).toContain('Liam Murphy');
    expect(text).toContain('Unavailable — Lunch');
    expect(text).toMatch(/take no contacts/);
    for (const id of [SESSION_ACTION.available, SESSION_ACTION.pickReason, SESSION_ACTION.logout])
      expect(findButton(card as { blocks?: unknown[] }, id)).toBeDefined();
    expect(findButton(card as { blocks?: unknown[] }, SESSION_ACTION.login)).toBeUndefined();
  });

  it('Make available: progress, then verified in place, one POST, audited', async () => {
    const agent = h.agent('unavailable');
    const card = await statusCard(h, agent);
    const click = await h.click(SESSION_ACTION.available, buttonValue(card, SESSION_ACTION.available));
    const result = await waitForPostWith(h, click.responseId, 'verified in');
    expect(allText(result)).toMatch(/made available by <@USUPER1> — now \*Available\*/);
    expect(h.sim.tenant.visibleState(Number(agent)).state).toBe('Available');
    expect(await h.control.count(POST_STATE)).toBe(1);
    const [entry] = await h.store!.audit.latest({ agentId: agent, limit: 1 });
    expect(entry).toMatchObject({ action: 'available', outcome: 'verified', actor: SUPERVISOR });
  });

  it("Set unavailable…: the team's reasons, then the picked one is set and verified", async () => {
    const agent = h.agent('available');
    const card = await statusCard(h, agent);
    const pick = await h.click(SESSION_ACTION.pickReason, buttonValue(card, SESSION_ACTION.pickReason));
    const picker = await waitFor('the reason picker', () => h.slack.postsTo(pick.responseId)[0]);
    const options = (
      picker.blocks as Array<{ accessory?: { options?: Array<{ text: { text: string }; value: string }> } }>
    ).flatMap((b) => b.accessory?.options ?? []);
    const lunch = options.find((o) => o.text.text === 'Lunch');
    expect(lunch).toBeDefined();
    const select = buttonPayload(SESSION_ACTION.unavailable, '', SUPERVISOR, h.slack.responseUrl('select-1'));
    select.actions[0] = {
      ...select.actions[0]!,
      type: 'static_select',
      selected_option: { value: lunch!.value },
    } as never;
    await h.interact(select);
    await waitForPostWith(h, 'select-1', 'verified in');
    expect(h.sim.tenant.visibleState(Number(agent)).state).toBe('Unavailable');
  });

  it("a forged reason (another team's code) is refused and nothing is sent", async () => {
    const agent = h.agent('available');
    const { catalog } = h.sim.tenant;
    const own = catalog.teamById.get(h.sim.tenant.demoAgent('available').teamId)!.codeIds;
    const foreign = catalog.codes.find((c) => c.isActive && !c.isAcw && !own.includes(c.id));
    const select = buttonPayload(SESSION_ACTION.unavailable, '', SUPERVISOR, h.slack.responseUrl('select-2'));
    select.actions[0] = {
      ...select.actions[0]!,
      type: 'static_select',
      selected_option: { value: JSON.stringify({ a: agent, r: String(foreign!.id) }) },
    } as never;
    await h.interact(select);
    await waitForPostWith(h, 'select-2', 'not an unavailable reason for this agent');
    expect(await h.control.count(POST_STATE)).toBe(0);
  });

  it('Force log out: the confirmation warns that a live contact is dropped; the logout is verified', async () => {
    const agent = h.agent('onContact');
    const card = await statusCard(h, agent);
    const button = findButton(card as { blocks?: unknown[] }, SESSION_ACTION.logout)!;
    expect(button.confirm?.text.text).toMatch(/on a contact right now: it will be dropped/);
    const click = await h.click(SESSION_ACTION.logout, button.value);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(h.sim.tenant.visibleState(Number(agent)).state).toBe('LoggedOut');
  });

  it("a member's click is refused: nothing read for the change, nothing sent", async () => {
    const card = await statusCard(h, h.agent('unavailable'));
    const click = await h.click(
      SESSION_ACTION.available,
      buttonValue(card, SESSION_ACTION.available),
      OUTSIDER,
    );
    await waitFor('the refusal', () => h.slack.postsTo(click.responseId)[0]);
    expect(await h.control.count(POST_STATE)).toBe(0);
    const pick = await h.click(
      SESSION_ACTION.pickReason,
      buttonValue(card, SESSION_ACTION.pickReason),
      OUTSIDER,
    );
    await waitFor('the refusal', () => h.slack.postsTo(pick.responseId)[0]);
    expect(await h.control.count('GET /teams/{teamId}/unavailable-codes')).toBe(0);
  });

  it('/agentstate unavailable with an unknown reason lists the valid ones and sends nothing', async () => {
    const sent = await h.command(`unavailable ${h.agent('available')} Nap`);
    const reply = await waitFor('the reply', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(reply)).toMatch(/Nap.*not an unavailable reason[\s\S]*Lunch/);
    expect(await h.control.count(POST_STATE)).toBe(0);
  });

  it("/agentstate history: today's timeline and when the agent logged out", async () => {
    const sent = await h.command(`history ${h.agent('loggedOut')}`);
    const reply = await waitFor('the history card', () => h.slack.postsTo(sent.responseId)[0]);
    expect(allText(reply)).toMatch(/logged out at <!date\^\d+/);
    expect(allText(reply)).toMatch(/LoggedOut/);
  });
});

describe('Slack on a real tenant: a logged-out agent', () => {
  let h: SessionHarness;
  afterEach(() => h.close());

  it("without impersonation: Ask sends one DM to the member with the agent's email, then turns verified", async () => {
    h = await startSessionHarness({ propagationDelayMs: 100 });
    const agent = h.agent('loggedOut');
    const email = h.sim.tenant.demoAgent('loggedOut').email;
    h.slack.users.set('UAGENT1', { id: 'UAGENT1', email });
    const card = await statusCard(h, agent);
    expect(findButton(card as { blocks?: unknown[] }, SESSION_ACTION.login)).toBeUndefined();
    const click = await h.click(SESSION_ACTION.ask, buttonValue(card, SESSION_ACTION.ask));
    await waitForPostWith(h, click.responseId, 'waiting for them');
    const dms = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UAGENT1');
    expect(dms).toHaveLength(1);
    expect(allText(dms[0]!.args)).toMatch(/<@USUPER1> asked you to log in/);
    // A second click while waiting is told someone is at it, and does not message the agent again.
    const again = await h.click(SESSION_ACTION.ask, buttonValue(card, SESSION_ACTION.ask), 'USUPER2');
    await waitFor('the busy reply', () => h.slack.postsTo(again.responseId)[0]);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UAGENT1')).toHaveLength(1);
    // The agent logs in and makes themselves available.
    await h.control.setAgentState(agent, { state: 'Available' });
    await waitForPostWith(h, click.responseId, 'logged in and is *Available*');
  });

  it("no member has the agent's email: it says so, and nobody is messaged", async () => {
    h = await startSessionHarness();
    const card = await statusCard(h, h.agent('loggedOut'));
    const click = await h.click(SESSION_ACTION.ask, buttonValue(card, SESSION_ACTION.ask));
    await waitForPostWith(h, click.responseId, 'No one in this Slack workspace has the email');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('with impersonation: Log in starts one session as the agent, then Available, verified', async () => {
    h = await startSessionHarness({ impersonation: true });
    const agent = h.agent('loggedOut');
    const card = await statusCard(h, agent);
    const click = await h.click(SESSION_ACTION.login, buttonValue(card, SESSION_ACTION.login));
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(await h.control.count('POST /agent-sessions')).toBe(1);
    expect(h.sim.tenant.visibleState(Number(agent)).state).toBe('Available');
  });
});
