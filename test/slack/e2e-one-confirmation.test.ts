import { createCatalog } from '../../src/agentstate/catalog';
import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import type { SimAgent } from '../../src/simulator';
import { ACTION, BLOCK } from '../../src/slack/ids';
import { createSlackWatchNotifier } from '../../src/slack/watch-notifier';
import {
  allText,
  type FoundButton,
  findButton,
  type Harness,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';

/**
 * Every change is confirmed exactly once, wherever it starts. A confirmation step is one of: a card that
 * asks (it offers Cancel), a confirm dialog on the clicked button, or a submitted modal. Each path below
 * walks from the card a supervisor sees to the change, counting the steps on the way.
 */

const LOGIN_POST = 'POST /api/v2/agents/{agentId}/states';
const LOGOUT_DELETE = 'DELETE /api/v2/agents/{agentId}/states/{stateId}';
const STATES = '/api/v2/agents/{agentId}/states';

let h: Harness;
let agents: SimAgent[];
let engine: WatchEngine;

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  agents = h.sim.tenant.agents.filter((a) => a.isActive);
  const notifier = createSlackWatchNotifier({
    client: h.app.app.client,
    service: h.service,
    store: h.store!,
    logger: h.logger,
    clock: systemClock,
  });
  engine = createWatchEngine({
    cxone: h.cxone,
    store: h.store!,
    notifier,
    clock: systemClock,
    logger: h.logger,
    catalog: createCatalog({ cxone: h.cxone, clock: systemClock }),
  });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const skill = (name: string) => h.sim.tenant.skillByName(name)!;
const nameOf = (a: SimAgent) => `${a.firstName} ${a.lastName}`;

/** Counts the confirmation steps of one path, as the supervisor meets them. */
function steps() {
  let n = 0;
  return {
    /** A card the supervisor reads on the way: it is a question when it offers Cancel. */
    card(message: { blocks?: unknown[] }) {
      if (findButton(message, ACTION.cancel)) n++;
    },
    /** A button clicked: its confirm dialog, if any, is one more question. */
    click(button: FoundButton) {
      if (button.confirm) n++;
    },
    modal() {
      n++;
    },
    get count() {
      return n;
    },
  };
}

function button(message: { blocks?: unknown[] }, actionId: string): FoundButton {
  const found = findButton(message, actionId);
  if (!found) throw new Error(`no ${actionId} button in ${allText(message)}`);
  return found;
}

describe('one confirmation for every change', () => {
  it('typed login: the confirm card asks, its Log in button does not ask again', async () => {
    const agent = agents[0]!;
    await h.control.setAgentStates(agent.id, []);
    const path = steps();
    const card = await waitForPost(h, (await h.command(`login ${agent.email} billing`)).responseId);
    path.card(card);
    const login = button(card, ACTION.login);
    path.click(login);
    const click = await h.click(ACTION.login, login.value);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(path.count).toBe(1);
    expect(await h.control.count(LOGIN_POST)).toBe(1);
  });

  it('typed logout: the confirm card asks once', async () => {
    const agent = agents[1]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    const path = steps();
    const card = await waitForPost(h, (await h.command(`logout ${agent.email}`)).responseId);
    path.card(card);
    const logout = button(card, ACTION.logout);
    path.click(logout);
    const click = await h.click(ACTION.logout, logout.value);
    await waitForPostWith(h, click.responseId, 'logged out of');
    expect(path.count).toBe(1);
    expect(await h.control.count(LOGOUT_DELETE)).toBe(1);
  });

  it('the status card’s Log agent in: one dialog naming agent and skill', async () => {
    const agent = agents[2]!;
    await h.control.setAgentStates(agent.id, []);
    const path = steps();
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    path.card(card);
    const login = button(card, ACTION.login);
    path.click(login);
    expect(login.confirm?.text.text).toContain(`${nameOf(agent)} in to *Billing*`);
    const click = await h.click(ACTION.login, login.value);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(path.count).toBe(1);
  });

  it('the login modal: its Log in is the one confirmation; the button that opens it asks nothing', async () => {
    const agent = agents[3]!;
    await h.control.setAgentStates(agent.id, []);
    const path = steps();
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    path.card(card);
    const other = button(card, ACTION.openLoginModal);
    path.click(other);
    await h.click(ACTION.openLoginModal, other.value);
    const update = await waitFor('the filled-in modal', () => h.slack.callsTo('views.update')[0]);
    const view = update.args.view as { callback_id: string; private_metadata: string; submit?: unknown };
    expect(view.submit).toMatchObject({ text: 'Log in' });
    path.modal();
    await h.submit(SUPERVISOR, view, {
      [BLOCK.skill]: { [ACTION.skillSelect]: { selected_option: { value: skill('Retention').id } } },
      [BLOCK.state]: { [ACTION.stateSelect]: { selected_option: { value: 'login' } } },
    });
    await waitFor('the login', () => h.sim.tenant.visibleStates(agent.id).length === 1 || undefined);
    expect(path.count).toBe(1);
  });

  it('Switch on the confirm card: the card asks once and names both halves', async () => {
    const agent = agents[4]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Sales EN').id }]);
    const path = steps();
    const card = await waitForPost(h, (await h.command(`login ${agent.email} Sales ES`)).responseId);
    path.card(card);
    const sw = button(card, ACTION.switchSkill);
    expect(sw.text.text).toBe('Switch from Sales EN to Sales ES');
    path.click(sw);
    const click = await h.click(ACTION.switchSkill, sw.value);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(path.count).toBe(1);
    expect(await h.control.count(LOGOUT_DELETE)).toBe(1);
  });

  it('Switch after a 409: one dialog saying both halves', async () => {
    const agent = agents[5]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Sales EN').id }]);
    const salesEs = skill('Sales ES');
    // A login sent without the switch the card offered (e.g. a Retry): CXone answers 409.
    const first = await h.click(ACTION.login, JSON.stringify({ a: agent.id, s: salesEs.id }));
    const conflict = await waitForPostWith(h, first.responseId, 'conflicts');
    const path = steps();
    path.card(conflict);
    const sw = button(conflict, ACTION.switchSkill);
    path.click(sw);
    expect(sw.confirm?.text.text).toBe(
      `Log ${nameOf(agent)} out of *Sales EN* and in to *Sales ES* as *Available*?`,
    );
    const click = await h.click(ACTION.switchSkill, sw.value);
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(path.count).toBe(1);
    expect(h.sim.tenant.visibleStates(agent.id).map((s) => s.skillId)).toEqual([salesEs.id]);
  });

  it('Log back in on a drop notice: one dialog', async () => {
    const agent = agents[6]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    await waitForPost(h, (await h.command(`watch ${agent.email} <#COPS1|ops>`)).responseId);
    await engine.runCycle();
    await h.control.setAgentStates(agent.id, []);
    await engine.runCycle();
    const notice = h.slack.messagesTo('COPS1', false).at(-1)!.args as { blocks?: unknown[] };
    const path = steps();
    path.card(notice);
    const back = button(notice, ACTION.login);
    path.click(back);
    const ts = (await h.store!.watcher.openDrops({ channelId: 'COPS1' }))[0]!.messageTs;
    const click = await h.click(ACTION.login, back.value, SUPERVISOR, {
      channel: 'COPS1',
      ts,
      ephemeral: false,
    });
    await waitForPostWith(h, click.responseId, 'verified in');
    expect(path.count).toBe(1);
  });

  it('Retry of a failed change: one dialog naming the agent, as on any notice', async () => {
    const agent = agents[7]!;
    await h.control.setAgentStates(agent.id, []);
    await h.control.addFaults({ method: 'POST', path: STATES, status: 503, times: 10 });
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    const first = await h.click(ACTION.login, button(card, ACTION.login).value);
    const failed = await waitForPostWith(h, first.responseId, 'CXone is not answering');
    await h.control.clearFaults();
    const path = steps();
    path.card(failed);
    const retry = button(failed, ACTION.login);
    expect(retry.text.text).toBe('Retry');
    path.click(retry);
    expect(retry.confirm?.text.text).toBe(`Log ${nameOf(agent)} in to *Billing*?`);
    const again = await h.click(ACTION.login, retry.value);
    await waitForPostWith(h, again.responseId, 'verified in');
    expect(path.count).toBe(1);
  });

  it('Check again changes nothing, so it asks nothing', async () => {
    const agent = agents[8]!;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Billing').id }]);
    const value = JSON.stringify({ a: agent.id, s: skill('Billing').id });
    const posts = await h.control.count(LOGIN_POST);
    const click = await h.click(ACTION.checkLogin, value);
    const card = await waitForPostWith(h, click.responseId, 'verified');
    expect(findButton(card, ACTION.cancel)).toBeUndefined();
    expect(await h.control.count(LOGIN_POST)).toBe(posts);
  });
});
