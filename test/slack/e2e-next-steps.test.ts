import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import { encode } from '../../src/slack/payloads';
import {
  allText,
  findButton,
  type Harness,
  OUTSIDER,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { buttonPayload, CHANNEL } from './slack-requests';

/** End to end: what a supervisor reaches for next — on the status card, an error card, the watch list, App Home. */

const STATES = '/api/v2/agents/{agentId}/states';
let h: Harness;
let agent: SimAgent;
let billing: string;

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  agent = h.sim.tenant.agents.find((a) => a.isActive) as SimAgent;
  billing = h.sim.tenant.skills.find((s) => s.name === 'Billing')!.id;
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
  await h.control.setAgentStates(agent.id, [{ skillId: billing }]);
});

async function statusOf(userId: string) {
  return waitForPost(h, (await h.command(agent.email, userId)).responseId);
}

describe('the logged-in status card', () => {
  it('offers Refresh, Log out…, Watch and Diagnose to a supervisor', async () => {
    const card = await statusOf(SUPERVISOR);
    expect(allText(card)).toContain('logged in (1 state)');
    for (const id of [ACTION.refresh, ACTION.askLogout, ACTION.watchHere, ACTION.diagnose]) {
      expect(findButton(card, id)).toBeDefined();
    }
    expect(findButton(card, ACTION.askLogout)?.text.text).toBe('Log out…');
  });

  it('offers a member only what they may use: Refresh and Diagnose', async () => {
    const card = await statusOf(OUTSIDER);
    expect(findButton(card, ACTION.refresh)).toBeDefined();
    expect(findButton(card, ACTION.diagnose)).toBeDefined();
    expect(findButton(card, ACTION.askLogout)).toBeUndefined();
    expect(findButton(card, ACTION.watchHere)).toBeUndefined();
  });

  it('Refresh reads again in place; Diagnose answers beside the card', async () => {
    const card = await statusOf(SUPERVISOR);
    const refreshed = await waitForPost(
      h,
      (await h.click(ACTION.refresh, findButton(card, ACTION.refresh)!.value, SUPERVISOR)).responseId,
    );
    expect(refreshed.replace_original).toBe(true);
    expect(findButton(refreshed, ACTION.refresh)).toBeDefined();
    const diag = await waitForPost(
      h,
      (await h.click(ACTION.diagnose, findButton(card, ACTION.diagnose)!.value, SUPERVISOR)).responseId,
    );
    expect(diag.replace_original).toBe(false);
  });

  it('Log out… shows the usual confirm step, whose Log out button ends the session', async () => {
    const card = await statusOf(SUPERVISOR);
    const click = await h.click(ACTION.askLogout, findButton(card, ACTION.askLogout)!.value, SUPERVISOR);
    const confirm = await waitForPost(h, click.responseId);
    expect(confirm.replace_original).toBe(false);
    const logout = findButton(confirm, ACTION.logout);
    expect(logout).toBeDefined();
    const done = await waitForPostWith(
      h,
      (await h.click(ACTION.logout, logout!.value, SUPERVISOR)).responseId,
      'logged out of',
    );
    expect(allText(done)).toContain(agent.lastName);
  });

  it('Watch watches the agent in the channel the card was shown in', async () => {
    const card = await statusOf(SUPERVISOR);
    const click = await h.click(ACTION.watchHere, findButton(card, ACTION.watchHere)!.value, SUPERVISOR);
    expect(allText(await waitForPost(h, click.responseId))).toContain('Now watching');
    const subs = await h.store!.subscriptions.listByChannel(CHANNEL.id);
    expect(subs.map((s) => s.agentId)).toContain(agent.id);
    await h.store!.subscriptions.remove(CHANNEL.id, agent.id);
  });

  it('a member who clicks a change button anyway is refused beside the card, not in its place', async () => {
    const click = await h.click(ACTION.askLogout, encode({ a: agent.id }), OUTSIDER);
    const refusal = await waitForPost(h, click.responseId);
    expect(refusal.replace_original).toBe(false);
    expect(allText(refusal)).toMatch(/supervisor/i);
  });
});

describe('Retry on error cards', () => {
  it('a status read that met a 503 offers Retry, which reads again', async () => {
    await h.control.addFaults({ method: 'GET', path: STATES, status: 503, times: 20 });
    const card = await statusOf(SUPERVISOR);
    expect(allText(card)).toContain('CXone is not answering');
    const retry = findButton(card, ACTION.refresh);
    expect(retry?.text.text).toBe('Retry');
    await h.control.reset();
    await h.control.setAgentStates(agent.id, [{ skillId: billing }]);
    const again = await waitForPost(h, (await h.click(ACTION.refresh, retry!.value, SUPERVISOR)).responseId);
    expect(allText(again)).toContain('logged in (1 state)');
  });

  it('an error no retry can cure has no Retry', async () => {
    await h.control.addFaults({ method: 'GET', path: STATES, status: 401, times: 10 });
    const card = await statusOf(SUPERVISOR);
    expect(findButton(card, ACTION.refresh)).toBeUndefined();
  });

  it('a login that met a 503 offers Retry through the same guarded login', async () => {
    await h.control.setAgentStates(agent.id, []);
    const card = await statusOf(SUPERVISOR);
    await h.control.addFaults({ method: 'POST', path: STATES, status: 503, times: 10 });
    const click = await h.click(ACTION.login, findButton(card, ACTION.login)!.value, SUPERVISOR);
    const failed = await waitForPostWith(h, click.responseId, 'CXone is not answering');
    const retry = findButton(failed, ACTION.login);
    expect(retry?.text.text).toBe('Retry');
    await h.control.reset();
    await h.control.setAgentStates(agent.id, []);
    const again = await h.click(ACTION.login, retry!.value, SUPERVISOR);
    await waitForPostWith(h, again.responseId, 'verified in');
  });
});

describe('Unwatch', () => {
  it('`/agentstate watching` has Unwatch per agent, and it stops the watch', async () => {
    await h.command(`watch ${agent.email}`, SUPERVISOR);
    await waitFor('the watch', async () =>
      (await h.store!.subscriptions.listByChannel(CHANNEL.id)).find((s) => s.agentId === agent.id),
    );
    const list = await waitForPost(h, (await h.command('watching', SUPERVISOR)).responseId);
    const unwatch = findButton(list, ACTION.unwatch);
    expect(unwatch?.text.text).toBe('Unwatch');
    const done = await waitForPost(h, (await h.click(ACTION.unwatch, unwatch!.value, SUPERVISOR)).responseId);
    expect(allText(done)).toContain('no longer watches');
    expect(await h.store!.subscriptions.listByChannel(CHANNEL.id)).toHaveLength(0);
  });

  it('App Home lists Unwatch for a supervisor, and a click there publishes the tab again', async () => {
    await h.command(`watch ${agent.email}`, SUPERVISOR);
    await waitFor('the watch', async () =>
      (await h.store!.subscriptions.listByChannel(CHANNEL.id)).find((s) => s.agentId === agent.id),
    );
    await h.event({ type: 'app_home_opened', user: SUPERVISOR, tab: 'home', channel: 'D0001' });
    const home = await waitFor('the home tab', () => h.slack.callsTo('views.publish')[0]);
    const unwatch = findButton(home.args.view as { blocks: unknown[] }, ACTION.unwatch);
    expect(unwatch).toBeDefined();
    const payload = buttonPayload(ACTION.unwatch, unwatch!.value, SUPERVISOR, '', {}) as Record<
      string,
      unknown
    >;
    payload.container = { type: 'view', view_id: 'V1' };
    delete payload.channel;
    delete payload.response_url;
    await h.interact(payload);
    await waitFor('the tab published again', () => h.slack.callsTo('views.publish')[1]);
    expect(await h.store!.subscriptions.listByChannel(CHANNEL.id)).toHaveLength(0);
  });
});
