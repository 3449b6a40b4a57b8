import { type DevStack, MEMBER, SUPERVISOR, startSandboxServer } from '../../src/sandbox';
import {
  allText,
  CHANNEL,
  findElement,
  loggedOutAgent,
  postJson,
  seenBy,
  startStack,
  waitFor,
} from './helpers';

/**
 * `agentstate dev` end to end without a browser: the real app (unchanged, HTTP mode) accepts the
 * sandbox's signed requests and answers through its Web API and response_urls.
 */

let stack: DevStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const ui = (name: string, body: Record<string, unknown>) => postJson(`${stack.url}/ui/${name}`, body);

async function command(text: string, user = SUPERVISOR.id) {
  expect((await ui('message', { user, channel: CHANNEL, text })).body).toEqual({ ok: true });
}

async function click(user: string, message: { ts: string }, actionId: string) {
  const found = findElement(stack.workspace.message(CHANNEL, message.ts), actionId);
  if (!found) throw new Error(`no ${actionId} in the card`);
  const container = { type: 'message', channel: CHANNEL, ts: message.ts };
  return ui('action', { user, container, blockId: found.blockId, actionId });
}

it('answers a status command with the empty card, only for the member who asked', async () => {
  const agent = loggedOutAgent(stack);
  await command(`/agentstate ${agent.id}`);
  const card = await waitFor('the status card', () =>
    seenBy(stack.workspace, SUPERVISOR.id, 'Not logged in to any skill'),
  );
  expect(card.ephemeralTo).toBe(SUPERVISOR.id);
  expect(allText(card)).toContain(`${agent.firstName} ${agent.lastName}`);
  expect(findElement(card, 'agentstate.login')?.element).toMatchObject({
    style: 'primary',
    confirm: expect.any(Object),
  });
  expect(seenBy(stack.workspace, MEMBER.id, agent.id)).toBeUndefined();
});

it('logs the agent in from the card and replaces it with progress and then the verified result', async () => {
  const agent = loggedOutAgent(stack, []);
  await command(`/agentstate ${agent.email}`);
  const card = await waitFor('the card', () => seenBy(stack.workspace, SUPERVISOR.id, agent.email));
  expect((await click(SUPERVISOR.id, card, 'agentstate.login')).body).toEqual({ ok: true });
  await waitFor('progress', () => (allText(card).includes('Logging in') ? true : undefined));
  await waitFor('the verified card', () => (/verified in \d+\.\d s/.test(allText(card)) ? true : undefined));
  expect(card.ephemeralTo).toBe(SUPERVISOR.id);
  expect(stack.simulator.tenant.visibleStates(agent.id)).toHaveLength(1);
  const audit = stack.workspace
    .visibleTo(MEMBER.id)
    .find((m) => m.channel === 'C0AUDITLOG' && m.text.includes(`${agent.firstName} ${agent.lastName}`));
  expect(audit?.text).toContain(`<@${SUPERVISOR.id}> log in`);
});

it('refuses an ordinary member’s click and posts nothing to CXone', async () => {
  const agent = loggedOutAgent(stack);
  await command(`/agentstate ${agent.id}`, MEMBER.id);
  const card = await waitFor('the card', () => seenBy(stack.workspace, MEMBER.id, agent.id));
  await click(MEMBER.id, card, 'agentstate.login');
  const refusal = await waitFor('the refusal', () =>
    seenBy(stack.workspace, MEMBER.id, 'Only supervisors can change agent states'),
  );
  expect(refusal.ephemeralTo).toBe(MEMBER.id);
  expect(stack.simulator.tenant.visibleStates(agent.id)).toHaveLength(0);
});

it('resolves a mention through the member’s email (users.info)', async () => {
  const member = [...stack.workspace.users.values()].find((u) => u.id.startsWith('U0CXAGENT'))!;
  await command(`/agentstate @${member.name}`);
  const card = await waitFor('the mention card', () => seenBy(stack.workspace, SUPERVISOR.id, member.email!));
  expect(allText(card)).toContain(member.realName);
});

it('opens the login modal, searches skills through the app, and logs in on submit', async () => {
  const agent = loggedOutAgent(stack);
  await command(`/agentstate ${agent.id}`);
  const card = await waitFor('the card', () => seenBy(stack.workspace, SUPERVISOR.id, agent.email));
  await click(SUPERVISOR.id, card, 'agentstate.open_login_modal');
  const modal = await waitFor('the login form', () => {
    const view = stack.workspace.modalFor(SUPERVISOR.id);
    return view && JSON.stringify(view.view).includes('external_select') ? view : undefined;
  });
  const container = { type: 'view', viewId: modal.id };
  const search = await ui('options', {
    user: SUPERVISOR.id,
    container,
    blockId: 'skill',
    actionId: 'agentstate.skill_select',
    value: 'ret',
  });
  const options = (search.body as { options: Array<{ value: string; text: { text: string } }> }).options;
  expect(options.map((o) => o.text.text)).toEqual(['Retention']);

  const state = {
    skill: { 'agentstate.skill_select': { type: 'external_select', selected_option: options[0] } },
  };
  expect((await ui('submit', { user: SUPERVISOR.id, viewId: modal.id, state })).body).toEqual({
    ok: true,
    closed: true,
  });
  await waitFor('the verified card', () => (/Retention.*verified in/.test(allText(card)) ? true : undefined));
});

it('shares a card in the channel for everyone (chat.postMessage)', async () => {
  const agent = loggedOutAgent(stack);
  await command(`/agentstate diagnose ${agent.id}`);
  const card = await waitFor('the diagnosis', () => seenBy(stack.workspace, SUPERVISOR.id, /Diagnosis: /));
  await click(SUPERVISOR.id, card, 'agentstate.share');
  const shared = await waitFor('the shared card', () =>
    seenBy(stack.workspace, MEMBER.id, `Shared by <@${SUPERVISOR.id}>`),
  );
  expect(shared.ephemeralTo).toBeUndefined();
  expect(allText(shared)).toContain(`Diagnosis: ${agent.firstName} ${agent.lastName}`);
});

it('publishes the App Home when the member opens it', async () => {
  expect((await ui('home', { user: SUPERVISOR.id })).body).toEqual({ ok: true });
  const home = await waitFor('the home view', () => stack.workspace.homeFor(SUPERVISOR.id));
  expect(JSON.stringify(home.view)).toContain('/agentstate');
});

it('is refused by the app when signed with another secret', async () => {
  const forger = await startSandboxServer({
    workspace: stack.workspace,
    page: { actors: [], hints: [] },
    botToken: 'unused',
    signingSecret: 'not-the-app-secret',
  });
  try {
    forger.connectApp(stack.appUrl);
    await postJson(`${forger.url}/ui/message`, {
      user: MEMBER.id,
      channel: CHANNEL,
      text: '/agentstate help',
    });
    const error = seenBy(stack.workspace, MEMBER.id, 'failed with the error "http_error_401"');
    expect(error?.user).toBe('USLACKBOT');
  } finally {
    await forger.close();
  }
});
