import { webApi } from '@slack/bolt';
import { MEMBER, SUPERVISOR } from '../../src/sandbox';
import { CHANNEL, type Sandbox, startSandbox } from './helpers';

/**
 * The sandbox's Web API, called with the same @slack/web-api client the app uses: the methods the app
 * calls answer like Slack's, including the errors the app handles.
 */

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(() => sb.close());

const blocks = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Hello*' } },
  { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, value: 'v' }] },
];

function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } }).data?.error;
}

describe('authentication', () => {
  it('answers auth.test with the bot identity for the configured token', async () => {
    const res = await sb.client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: 'U0AGENTSTATE',
      bot_id: 'B0AGENTSTATE',
      team_id: 'T0SANDBOX',
    });
  });

  it('refuses another token with invalid_auth and a missing one with not_authed', async () => {
    const other = new webApi.WebClient('xoxb-wrong', {
      slackApiUrl: sb.server.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(other.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const res = await fetch(`${sb.server.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers a method it does not implement with unknown_method', async () => {
    const err = await sb.client.apiCall('reactions.add', { name: 'eyes' }).catch((e) => e);
    expect(slackError(err)).toBe('unknown_method');
  });
});

describe('chat.postMessage, chat.postEphemeral, chat.update', () => {
  it('posts for everyone in the channel and fills in block ids and action ids as Slack does', async () => {
    const res = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'hi', blocks });
    expect(res).toMatchObject({ ok: true, channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const seen = sb.ws.visibleTo(MEMBER.id).find((m) => m.ts === res.ts);
    expect(sb.ws.visibleTo(SUPERVISOR.id).find((m) => m.ts === res.ts)).toBe(seen);
    expect(seen?.blocks?.every((b) => typeof b.block_id === 'string')).toBe(true);
    expect(seen?.blocks?.[1]?.elements).toEqual([expect.objectContaining({ action_id: expect.any(String) })]);
  });

  it('sends a message to a user id as a direct message only that member sees', async () => {
    const res = await sb.client.chat.postMessage({ channel: SUPERVISOR.id, text: 'just for you' });
    expect(res.channel).toMatch(/^D/);
    expect(sb.ws.visibleTo(SUPERVISOR.id).some((m) => m.text === 'just for you')).toBe(true);
    expect(sb.ws.visibleTo(MEMBER.id).some((m) => m.text === 'just for you')).toBe(false);
  });

  it('answers channel_not_found and no_text like Slack', async () => {
    expect(
      slackError(await sb.client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }).catch((e) => e)),
    ).toBe('channel_not_found');
    expect(slackError(await sb.client.chat.postMessage({ channel: CHANNEL, text: '' }).catch((e) => e))).toBe(
      'no_text',
    );
  });

  it('shows an ephemeral message only to its member', async () => {
    const res = await sb.client.chat.postEphemeral({ channel: CHANNEL, user: SUPERVISOR.id, text: 'psst' });
    expect(res).toMatchObject({ ok: true, message_ts: expect.any(String) });
    expect(sb.ws.visibleTo(SUPERVISOR.id).find((m) => m.text === 'psst')?.ephemeralTo).toBe(SUPERVISOR.id);
    expect(sb.ws.visibleTo(MEMBER.id).some((m) => m.text === 'psst')).toBe(false);
  });

  it('updates the bot’s own message and refuses an unknown one', async () => {
    const posted = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'before' });
    await sb.client.chat.update({ channel: CHANNEL, ts: posted.ts!, text: 'after' });
    expect(sb.ws.message(CHANNEL, posted.ts!)).toMatchObject({ text: 'after', edited: true, version: 2 });
    const err = await sb.client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }).catch((e) => e);
    expect(slackError(err)).toBe('message_not_found');
  });
});

describe('threads (thread_ts)', () => {
  it('posts a reply into the parent’s thread and answers with its thread_ts', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    const reply = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'back', thread_ts: parent.ts! });
    expect(reply.message).toMatchObject({ ts: reply.ts, thread_ts: parent.ts, text: 'back' });
    expect(sb.ws.message(CHANNEL, reply.ts!)?.threadTs).toBe(parent.ts);
    expect(sb.ws.message(CHANNEL, parent.ts!)?.threadTs).toBeUndefined();
  });

  it('keeps threads one level deep: a reply to a reply goes to the parent’s thread', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    const first = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'one', thread_ts: parent.ts! });
    const second = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'two', thread_ts: first.ts! });
    expect(sb.ws.message(CHANNEL, second.ts!)?.threadTs).toBe(parent.ts);
  });

  it('posts an ephemeral reply in a thread for its member only', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    const res = await sb.client.chat.postEphemeral({
      channel: CHANNEL,
      user: SUPERVISOR.id,
      text: 'just you',
      thread_ts: parent.ts!,
    });
    expect(sb.ws.message(CHANNEL, res.message_ts!)).toMatchObject({
      threadTs: parent.ts,
      ephemeralTo: SUPERVISOR.id,
    });
  });

  it('answers invalid_thread_ts for a value that is not a message timestamp', async () => {
    const err = await sb.client.chat
      .postMessage({ channel: CHANNEL, text: 'x', thread_ts: 'yesterday' })
      .catch((e) => e);
    expect(slackError(err)).toBe('invalid_thread_ts');
  });
});

describe('users and user groups', () => {
  it('returns a member’s email (what mention resolution reads) and user_not_found for strangers', async () => {
    const res = await sb.client.users.info({ user: SUPERVISOR.id });
    expect(res.user).toMatchObject({
      id: SUPERVISOR.id,
      is_bot: false,
      profile: { email: SUPERVISOR.email },
    });
    const agent = [...sb.ws.users.values()].find((u) => u.email === 'ana.silva@example.com');
    expect(agent?.name).toBe('ana.silva');
    expect(slackError(await sb.client.users.info({ user: 'U0NOBODY' }).catch((e) => e))).toBe(
      'user_not_found',
    );
  });

  it('finds the member with an email whatever its case (users.lookupByEmail), and users_not_found otherwise', async () => {
    const res = await sb.client.users.lookupByEmail({ email: 'Ana.Silva@Example.com' });
    expect(res.user).toMatchObject({
      id: expect.stringMatching(/^U0CXAGENT/),
      real_name: 'Ana Silva',
      deleted: false,
      profile: { email: 'ana.silva@example.com' },
    });
    const missing = await sb.client.users.lookupByEmail({ email: 'nobody@example.com' }).catch((e) => e);
    expect(slackError(missing)).toBe('users_not_found');
    const empty = await sb.client.apiCall('users.lookupByEmail', {}).catch((e) => e);
    expect(slackError(empty)).toBe('invalid_arguments');
  });

  it('lists the supervisor group with only the supervisor in it', async () => {
    const res = await sb.client.usergroups.users.list({ usergroup: 'S0SUPERVISORS' });
    expect(res.users).toEqual([SUPERVISOR.id]);
    const err = await sb.client.usergroups.users.list({ usergroup: 'S0NOPE' }).catch((e) => e);
    expect(slackError(err)).toBe('no_such_subteam');
  });
});

describe('views', () => {
  const modal = (text: string) => ({
    type: 'modal' as const,
    callback_id: 'cb',
    title: { type: 'plain_text' as const, text: 'Title' },
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
  });

  it('opens a modal for the member a trigger_id belongs to, once, within 3 seconds', async () => {
    const trigger = sb.ws.issueTrigger(SUPERVISOR.id);
    const opened = await sb.client.views.open({ trigger_id: trigger, view: modal('one') });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      hash: expect.any(String),
      callback_id: 'cb',
    });
    expect(sb.ws.modalFor(SUPERVISOR.id)?.id).toBe(opened.view?.id);
    expect(sb.ws.modalFor(MEMBER.id)).toBeUndefined();

    const again = await sb.client.views.open({ trigger_id: trigger, view: modal('two') }).catch((e) => e);
    expect(slackError(again)).toBe('trigger_exchanged');
    const unknown = await sb.client.views.open({ trigger_id: 'nope', view: modal('x') }).catch((e) => e);
    expect(slackError(unknown)).toBe('invalid_trigger_id');
    const late = sb.ws.issueTrigger(SUPERVISOR.id);
    sb.clock.now += 3001;
    expect(
      slackError(await sb.client.views.open({ trigger_id: late, view: modal('x') }).catch((e) => e)),
    ).toBe('expired_trigger_id');
  });

  it('updates a modal, refuses a stale hash, and answers not_found once it is closed', async () => {
    const opened = await sb.client.views.open({
      trigger_id: sb.ws.issueTrigger(SUPERVISOR.id),
      view: modal('a'),
    });
    const { id, hash } = opened.view as { id: string; hash: string };
    const updated = await sb.client.views.update({ view_id: id, hash, view: modal('b') });
    expect(updated.view?.hash).not.toBe(hash);
    const stale = await sb.client.views.update({ view_id: id, hash, view: modal('c') }).catch((e) => e);
    expect(slackError(stale)).toBe('hash_conflict');
    sb.ws.closeModal(SUPERVISOR.id);
    expect(slackError(await sb.client.views.update({ view_id: id, view: modal('d') }).catch((e) => e))).toBe(
      'not_found',
    );
  });

  it('publishes a member’s App Home', async () => {
    const view = { type: 'home' as const, blocks: [{ type: 'divider' as const }] };
    const res = await sb.client.views.publish({ user_id: SUPERVISOR.id, view });
    expect(res.view?.id).toBe(sb.ws.homeFor(SUPERVISOR.id)?.id);
  });
});
