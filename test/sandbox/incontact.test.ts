import { type DevStackOf, describeDevStack, MEMBER, SUPERVISOR } from '../../src/sandbox';
import { callMethod } from '../../src/sandbox/web-api';
import type { IcAgent } from '../../src/simulator';
import { allText, CHANNEL, findElement, postJson, seenBy, startIncontactStack, waitFor } from './helpers';

/**
 * `agentstate dev --dialect incontact` without a browser: the real app on a real tenant's API (the incontact
 * simulator), the demo agents as Slack members with their CXone emails, and the page's stand-in for the
 * agent's own CXone application (/ui/desk…), so "ask → the agent logs in → verified" runs end to end.
 */

type Stack = DevStackOf<'incontact'>;
let stack: Stack;
beforeAll(async () => {
  stack = await startIncontactStack();
});
afterAll(() => stack.close());

const ui = (name: string, body: Record<string, unknown>) => postJson(`${stack.url}/ui/${name}`, body);
const name = (a: IcAgent) => `${a.firstName} ${a.lastName}`;

function memberOf(s: Stack, agent: IcAgent) {
  const member = [...s.workspace.users.values()].find((u) => u.email === agent.email);
  if (!member) throw new Error(`${name(agent)} has no Slack member`);
  return member;
}

async function command(text: string, user = SUPERVISOR.id) {
  expect((await ui('message', { user, channel: CHANNEL, text })).body).toEqual({ ok: true });
}

async function click(message: { ts: string }, actionId: string, user = SUPERVISOR.id) {
  const found = findElement(stack.workspace.message(CHANNEL, message.ts), actionId);
  if (!found) throw new Error(`no ${actionId} in ${textOf(message)}`);
  const container = { type: 'message', channel: CHANNEL, ts: message.ts };
  return ui('action', { user, container, blockId: found.blockId, actionId });
}

const textOf = (message: { ts: string }) => allText(stack.workspace.message(CHANNEL, message.ts));

it('runs the app on a real tenant’s API against its own simulator, and the banner says so with agents to try', () => {
  expect(stack.dialect).toBe('incontact');
  expect(stack.simulator.dialect).toBe('incontact');
  expect(stack.impersonation).toBe(false);
  const banner = describeDevStack(stack);
  expect(banner).toContain('agentstate sandbox (incontact dialect)');
  expect(banner).toContain('impersonation off');
  const tenant = stack.simulator.tenant;
  expect(banner).toMatch(new RegExp(`${name(tenant.demoAgent('unavailable'))} +Unavailable \\(Lunch\\)`));
  expect(banner).toMatch(new RegExp(`${name(tenant.demoAgent('loggedOut'))} +Logged out`));
});

it('gives the demo agents Slack members with their CXone emails, found by users.lookupByEmail, and the switch can become them', () => {
  const hugo = stack.simulator.tenant.demoAgent('loggedOut');
  const member = memberOf(stack, hugo);
  expect(
    callMethod(stack.workspace, 'users.lookupByEmail', { email: hugo.email.toUpperCase() }),
  ).toMatchObject({
    ok: true,
    user: { id: member.id, real_name: name(hugo) },
  });
  expect(stack.actors).toEqual(
    expect.arrayContaining([
      { userId: SUPERVISOR.id, role: 'supervisor' },
      { userId: MEMBER.id, role: 'member' },
      { userId: member.id, role: 'agent' },
    ]),
  );
});

/** The first snapshot the page is pushed for a member (server-sent events). */
async function firstSnapshot(userId: string): Promise<Record<string, unknown>> {
  const abort = new AbortController();
  const res = await fetch(`${stack.url}/ui/events?user=${userId}`, { signal: abort.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  return JSON.parse(/^data: (.*)$/m.exec(text)![1]!);
}

it('tells the page which CXone agent a member is, so it offers that agent’s own log-in and no one else’s', async () => {
  const hugo = stack.simulator.tenant.demoAgent('loggedOut');
  const asHugo = await firstSnapshot(memberOf(stack, hugo).id);
  expect(asHugo.desk).toEqual({ agentId: String(hugo.agentId), name: name(hugo) });
  expect(asHugo.actors).toEqual(stack.actors);
  expect((await firstSnapshot(SUPERVISOR.id)).desk).toBeNull();
});

it('suggests only commands the app answers with a card of their own (no usage error, no unknown agent)', async () => {
  for (const hint of stack.hints) {
    const before = new Set(stack.workspace.visibleTo(SUPERVISOR.id).map((m) => m.ts));
    await command(hint.command);
    const answer = await waitFor(hint.command, () =>
      stack.workspace.visibleTo(SUPERVISOR.id).find((m) => !before.has(m.ts) && m.channel === CHANNEL),
    );
    expect([hint.command, answer.text]).not.toEqual([
      hint.command,
      expect.stringMatching(
        /See \/agentstate help|not a reason|No CXone agent|matches \d+ agents|went wrong/,
      ),
    ]);
  }
});

it('makes an unavailable agent available from the status card and shows it verified in place', async () => {
  const liam = stack.simulator.tenant.demoAgent('unavailable');
  await command(`/agentstate ${name(liam)}`);
  const card = await waitFor('the status card', () =>
    seenBy(stack.workspace, SUPERVISOR.id, 'Make available'),
  );
  expect(textOf(card)).toContain('Lunch');
  expect((await click(card, 'agentstate.session.available')).body).toEqual({ ok: true });
  await waitFor('verified', () => (/verified in \d+\.\d s/.test(textOf(card)) ? true : undefined));
  expect(stack.simulator.tenant.visibleState(liam.agentId).state).toBe('Available');
});

it('asks a logged-out agent by DM; the agent logs in on the page; the supervisor’s message turns verified', async () => {
  const hugo = stack.simulator.tenant.demoAgent('loggedOut');
  const member = memberOf(stack, hugo);
  await command(`/agentstate ${name(hugo)}`);
  const card = await waitFor('the status card', () =>
    seenBy(stack.workspace, SUPERVISOR.id, `Ask ${hugo.firstName} to log in`),
  );
  await click(card, 'agentstate.session.ask');
  await waitFor('"asked"', () => (textOf(card).includes('waiting for them') ? true : undefined));

  // The DM is in the member's conversation with the app, for that member only.
  const dms = stack.workspace.visibleTo(member.id).filter((m) => m.channel.startsWith('D'));
  expect(dms).toHaveLength(1);
  expect(stack.workspace.channels.get(dms[0]!.channel)?.imUser).toBe(member.id);
  expect(allText(dms[0])).toContain(`<@${SUPERVISOR.id}> asked you to log in to CXone`);
  expect(stack.workspace.visibleTo(MEMBER.id).some((m) => m.ts === dms[0]!.ts)).toBe(false);

  const desk = await ui('desk', { user: member.id });
  expect(desk.body).toMatchObject({
    agent: { agentId: String(hugo.agentId), name: name(hugo) },
    status: { state: 'Logged out', inSession: false },
  });
  const login = await ui('desk-action', { user: member.id, action: 'log_in_available' });
  expect(login.body).toMatchObject({
    ok: true,
    message: expect.stringMatching(/^Logged in at .* and Available$/),
  });

  await waitFor('verified', () => (/logged in and is \*Available\*/.test(textOf(card)) ? true : undefined));
  expect(textOf(card)).toMatch(/verified .* after/);
  expect(card.ephemeralTo).toBe(SUPERVISOR.id);
});

it('lets the agent log in without a state, become Available, and log out, as the agent would', async () => {
  const tenant = stack.simulator.tenant;
  const hugo = tenant.demoAgent('loggedOut');
  const extra = [...stack.workspace.users.values()].find(
    (u) =>
      u.id.startsWith('U0CXAGENT') &&
      u.email !== hugo.email &&
      tenant.visibleState(tenant.catalog.agents.find((a) => a.email === u.email)!.agentId).state ===
        'LoggedOut',
  )!;
  const desk = (action: string) => ui('desk-action', { user: extra.id, action });

  expect((await desk('log_in')).body).toMatchObject({
    message: expect.stringContaining('no state set yet'),
    status: { inSession: true, available: false },
  });
  expect((await desk('log_in')).body).toEqual({ ok: false, error: `${extra.realName} is already logged in` });
  expect((await desk('available')).body).toMatchObject({ message: 'Available', status: { available: true } });
  expect((await desk('log_out')).body).toMatchObject({ status: { state: 'Logged out', inSession: false } });
});

it('offers the agent log-in only to a member who is a CXone agent, and only as their own agent', async () => {
  const refused = await ui('desk-action', { user: MEMBER.id, action: 'log_in_available' });
  expect(refused).toEqual({
    status: 400,
    body: { ok: false, error: `${MEMBER.realName} is not a CXone agent in this sandbox` },
  });
  // There is no agent to name in the request: whoever the page acts as logs in as themselves.
  const samir = stack.simulator.tenant.demoAgent('loggedInNoState');
  const asSamir = await ui('desk', { user: memberOf(stack, samir).id, agentId: '1004' });
  expect(asSamir.body).toMatchObject({ agent: { agentId: String(samir.agentId) } });
});

it('says so when no Slack member has the agent’s email, and sends no DM', async () => {
  const tenant = stack.simulator.tenant;
  const members = new Set([...stack.workspace.users.values()].map((u) => u.email));
  const outsider = tenant.catalog.agents.find(
    (a) =>
      a.isActive &&
      a.visible &&
      !a.isSupervisor &&
      !members.has(a.email) &&
      tenant.visibleState(a.agentId).state === 'LoggedOut',
  )!;
  expect(describeDevStack(stack)).toContain(`${name(outsider)}`);
  const dmsBefore = [...stack.workspace.channels.values()].filter((c) => c.imUser).length;
  await command(`/agentstate ${outsider.email}`);
  const card = await waitFor('the status card', () => seenBy(stack.workspace, SUPERVISOR.id, outsider.email));
  await waitFor('the ask button', () => findElement(card, 'agentstate.session.ask'));
  await click(card, 'agentstate.session.ask');
  await waitFor('no member', () => (textOf(card).includes('No Slack member') ? true : undefined));
  expect([...stack.workspace.channels.values()].filter((c) => c.imUser).length).toBe(dmsBefore);
});

describe('with --impersonation', () => {
  let impersonating: Stack;
  beforeAll(async () => {
    impersonating = await startIncontactStack({}, { impersonation: true });
  });
  afterAll(() => impersonating?.close());

  it('offers Log in for a logged-out agent and starts the session as the agent', async () => {
    expect(describeDevStack(impersonating)).toContain('impersonation on');
    const hugo = impersonating.simulator.tenant.demoAgent('loggedOut');
    const send = (path: string, body: Record<string, unknown>) =>
      postJson(`${impersonating.url}/ui/${path}`, body);
    await send('message', { user: SUPERVISOR.id, channel: CHANNEL, text: `/agentstate ${name(hugo)}` });
    const card = await waitFor('the status card', () =>
      seenBy(impersonating.workspace, SUPERVISOR.id, hugo.email),
    );
    const login = findElement(card, 'agentstate.session.login');
    expect(login?.element).toMatchObject({ text: { text: 'Log in' } });
    expect(findElement(card, 'agentstate.session.ask')).toBeUndefined();

    const container = { type: 'message', channel: CHANNEL, ts: card.ts };
    await send('action', {
      user: SUPERVISOR.id,
      container,
      blockId: login!.blockId,
      actionId: login!.element.action_id,
    });
    await waitFor('verified', () => (/verified in \d+\.\d s/.test(allText(card)) ? true : undefined));
    expect(impersonating.simulator.tenant.visibleState(hugo.agentId).state).toBe('Available');
    // Nobody was asked: the app started the session itself.
    expect(
      [...impersonating.workspace.channels.values()].some(
        (c) => c.imUser === memberOf(impersonating, hugo).id,
      ),
    ).toBe(false);
  });
});
