import { isValidSlackRequest } from '@slack/bolt';
import { MEMBER, SUPERVISOR } from '../../src/sandbox';
import {
  type Capture,
  type Captured,
  CHANNEL,
  postJson,
  type Sandbox,
  SECRET,
  seenBy,
  startCapture,
  startSandbox,
} from './helpers';

/**
 * What the page's actions send to the app (captured at a stand-in request URL), and the response_urls
 * the app answers through.
 */

let sb: Sandbox;
let app: Capture;
beforeEach(async () => {
  sb = await startSandbox();
  app = await startCapture();
  sb.server.connectApp(app.url);
});
afterEach(async () => {
  await sb.close();
  await app.close();
});

const form = (req: Captured) => Object.fromEntries(new URLSearchParams(req.body));
const payload = (req: Captured) => JSON.parse(form(req).payload ?? '{}');

function signedBy(secret: string, req: Captured): boolean {
  return isValidSlackRequest({
    signingSecret: secret,
    body: req.body,
    headers: {
      'x-slack-signature': String(req.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
    },
  });
}

async function command(text: string, user = SUPERVISOR.id) {
  const res = await sb.ui('message', { user, channel: CHANNEL, text });
  expect(res).toEqual({ status: 200, body: { ok: true } });
  return form(app.requests.at(-1)!);
}

describe('a slash command', () => {
  it('arrives as Slack’s form-encoded request, signed with v0 HMAC-SHA256 of the signing secret', async () => {
    const fields = await command('/agentstate @ana.silva');
    const req = app.requests[0]!;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(signedBy(SECRET, req)).toBe(true);
    expect(signedBy('another-secret', req)).toBe(false);
    expect(fields).toMatchObject({
      command: '/agentstate',
      // should_escape: the typed @handle arrives as a mention, as from Slack
      text: expect.stringMatching(/^<@U0CXAGENT\d{2}\|ana\.silva>$/),
      user_id: SUPERVISOR.id,
      user_name: SUPERVISOR.name,
      channel_id: CHANNEL,
      team_id: 'T0SANDBOX',
      response_url: expect.stringMatching(new RegExp(`^${sb.server.url}/response/`)),
      trigger_id: expect.any(String),
    });
  });

  it('shows what Slack shows when the app fails, and the acknowledgement body when it has one', async () => {
    app.reply = () => ({ status: 500, body: '' });
    await command('/agentstate help');
    expect(seenBy(sb.ws, SUPERVISOR.id, 'failed with the error "http_error_500"')?.ephemeralTo).toBe(
      SUPERVISOR.id,
    );
    app.reply = () => ({ status: 200, body: JSON.stringify({ text: 'instant answer' }) });
    await command('/agentstate help');
    expect(seenBy(sb.ws, SUPERVISOR.id, 'instant answer')?.ephemeralTo).toBe(SUPERVISOR.id);
    expect(seenBy(sb.ws, MEMBER.id, 'instant answer')).toBeUndefined();
  });

  it('posts plain text as the member’s message without involving the app', async () => {
    await sb.ui('message', { user: MEMBER.id, channel: CHANNEL, text: 'hello <team>' });
    expect(app.requests).toHaveLength(0);
    expect(seenBy(sb.ws, SUPERVISOR.id, 'hello &lt;team&gt;')?.user).toBe(MEMBER.id);
  });
});

describe('a thread’s message box', () => {
  it('posts the member’s reply in the thread, without involving the app', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    const res = await sb.ui('message', {
      user: MEMBER.id,
      channel: CHANNEL,
      threadTs: parent.ts,
      text: 'on it',
    });
    expect(res.body).toEqual({ ok: true });
    expect(app.requests).toHaveLength(0);
    expect(seenBy(sb.ws, SUPERVISOR.id, 'on it')).toMatchObject({ user: MEMBER.id, threadTs: parent.ts });
  });

  it('runs no slash command, saying so in the thread as Slack does', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    await sb.ui('message', {
      user: SUPERVISOR.id,
      channel: CHANNEL,
      threadTs: parent.ts,
      text: '/agentstate help',
    });
    expect(app.requests).toHaveLength(0);
    expect(seenBy(sb.ws, SUPERVISOR.id, 'is not supported in threads')).toMatchObject({
      threadTs: parent.ts,
      ephemeralTo: SUPERVISOR.id,
    });
  });

  it('refuses a reply to a thread that is not there', async () => {
    const res = await sb.ui('message', {
      user: MEMBER.id,
      channel: CHANNEL,
      threadTs: '1.000001',
      text: 'hello?',
    });
    expect(res).toEqual({ status: 400, body: { ok: false, error: 'that thread is gone' } });
  });
});

describe('a response_url', () => {
  it('posts ephemerally to its member, in the channel on request, replaces and deletes', async () => {
    const url = (await command('/agentstate help')).response_url!;
    expect((await postJson(url, { text: 'first' })).status).toBe(200);
    expect(seenBy(sb.ws, SUPERVISOR.id, 'first')?.ephemeralTo).toBe(SUPERVISOR.id);
    expect(seenBy(sb.ws, MEMBER.id, 'first')).toBeUndefined();

    await postJson(url, { text: 'replaced', replace_original: true });
    expect(seenBy(sb.ws, SUPERVISOR.id, 'first')).toBeUndefined();
    expect(seenBy(sb.ws, SUPERVISOR.id, 'replaced')?.ephemeralTo).toBe(SUPERVISOR.id);

    await postJson(url, { text: 'for everyone', response_type: 'in_channel' });
    expect(seenBy(sb.ws, MEMBER.id, 'for everyone')).toBeDefined();

    await postJson(url, { delete_original: true });
    expect(seenBy(sb.ws, SUPERVISOR.id, 'replaced')).toBeUndefined();
  });

  it('accepts five posts, then answers used_url; after 30 minutes expired_url', async () => {
    const url = (await command('/agentstate help')).response_url!;
    for (let i = 1; i <= 5; i++) expect((await postJson(url, { text: `post ${i}` })).status).toBe(200);
    expect(await postJson(url, { text: 'sixth' })).toEqual({
      status: 404,
      body: { ok: false, error: 'used_url' },
    });

    const fresh = (await command('/agentstate help')).response_url!;
    sb.clock.now += 30 * 60 * 1000 + 1;
    expect((await postJson(fresh, { text: 'late' })).body).toEqual({ ok: false, error: 'expired_url' });
  });
});

describe('a click', () => {
  async function cardWithButton() {
    const posted = await sb.client.chat.postEphemeral({
      channel: CHANNEL,
      user: SUPERVISOR.id,
      text: 'card',
      blocks: [
        {
          type: 'actions',
          block_id: 'buttons',
          elements: [
            {
              type: 'button',
              action_id: 'go',
              text: { type: 'plain_text', text: 'Go' },
              value: 'the real value',
              style: 'primary',
            },
          ],
        },
      ],
    });
    return posted.message_ts!;
  }

  it('sends block_actions built from the stored button, with a response_url that replaces the card', async () => {
    const ts = await cardWithButton();
    const res = await sb.ui('action', {
      user: SUPERVISOR.id,
      container: { type: 'message', channel: CHANNEL, ts },
      blockId: 'buttons',
      actionId: 'go',
      picked: { type: 'button', value: 'a forged value' },
    });
    expect(res.body).toEqual({ ok: true });
    const sent = payload(app.requests[0]!);
    expect(signedBy(SECRET, app.requests[0]!)).toBe(true);
    expect(sent).toMatchObject({
      type: 'block_actions',
      user: { id: SUPERVISOR.id },
      container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: true },
      actions: [{ action_id: 'go', block_id: 'buttons', value: 'the real value', type: 'button' }],
    });
    // Slack does not send an ephemeral message's content back with the click.
    expect(sent.message).toBeUndefined();
    await postJson(sent.response_url, { text: 'progress', replace_original: true });
    expect(sb.ws.message(CHANNEL, ts)?.text).toBe('progress');
  });

  it('from a reply in a thread names the thread, and its response_url answers in that thread', async () => {
    const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'notice' });
    const reply = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: 'back',
      thread_ts: parent.ts!,
      blocks: [
        {
          type: 'actions',
          block_id: 'buttons',
          elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }],
        },
      ],
    });
    await sb.ui('action', {
      user: SUPERVISOR.id,
      container: { type: 'message', channel: CHANNEL, ts: reply.ts },
      blockId: 'buttons',
      actionId: 'go',
    });
    const sent = payload(app.requests[0]!);
    expect(sent.container).toMatchObject({ message_ts: reply.ts, thread_ts: parent.ts });
    expect(sent.message).toMatchObject({ ts: reply.ts, thread_ts: parent.ts });

    await postJson(sent.response_url, { text: 'done, by you' });
    expect(seenBy(sb.ws, SUPERVISOR.id, 'done, by you')).toMatchObject({
      threadTs: parent.ts,
      ephemeralTo: SUPERVISOR.id,
    });
  });

  it('refuses a click on a message the member cannot see', async () => {
    const ts = await cardWithButton();
    const res = await sb.ui('action', {
      user: MEMBER.id,
      container: { type: 'message', channel: CHANNEL, ts },
      blockId: 'buttons',
      actionId: 'go',
    });
    expect(res).toEqual({ status: 400, body: { ok: false, error: 'that message is gone' } });
    expect(app.requests).toHaveLength(0);
  });
});

describe('a modal', () => {
  async function openModal() {
    const view = {
      type: 'modal' as const,
      callback_id: 'login',
      private_metadata: '{"a":1}',
      title: { type: 'plain_text' as const, text: 'Log agent in' },
      submit: { type: 'plain_text' as const, text: 'Log in' },
      blocks: [
        {
          type: 'input' as const,
          block_id: 'skill',
          label: { type: 'plain_text' as const, text: 'Skill' },
          element: { type: 'external_select' as const, action_id: 'skill_select', min_query_length: 0 },
        },
      ],
    };
    const opened = await sb.client.views.open({ trigger_id: sb.ws.issueTrigger(SUPERVISOR.id), view });
    return opened.view!.id!;
  }

  it('asks the app for external options with block_suggestion and passes its answer on', async () => {
    const viewId = await openModal();
    const options = [{ text: { type: 'plain_text', text: 'Billing' }, value: 'b1' }];
    app.reply = () => ({ status: 200, body: JSON.stringify({ options }) });
    const res = await sb.ui('options', {
      user: SUPERVISOR.id,
      container: { type: 'view', viewId },
      blockId: 'skill',
      actionId: 'skill_select',
      value: 'bil',
    });
    expect(res.body).toMatchObject({ ok: true, options });
    expect(payload(app.requests[0]!)).toMatchObject({
      type: 'block_suggestion',
      action_id: 'skill_select',
      block_id: 'skill',
      value: 'bil',
      view: { id: viewId, callback_id: 'login' },
    });
  });

  it('submits the picked values; field errors keep it open, an empty acknowledgement closes it', async () => {
    const viewId = await openModal();
    const picked = {
      skill: {
        skill_select: {
          type: 'external_select',
          selected_option: { text: { type: 'plain_text', text: 'Billing' }, value: 'b1' },
        },
      },
    };
    app.reply = () => ({
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { skill: 'Pick a skill.' } }),
    });
    const rejected = await sb.ui('submit', { user: SUPERVISOR.id, viewId, state: picked });
    expect(rejected.body).toEqual({ ok: true, errors: { skill: 'Pick a skill.' } });
    expect(sb.ws.modalFor(SUPERVISOR.id)?.id).toBe(viewId);
    expect(payload(app.requests[0]!)).toMatchObject({
      type: 'view_submission',
      view: { id: viewId, private_metadata: '{"a":1}', state: { values: picked } },
    });

    app.reply = () => ({ status: 200, body: '' });
    expect((await sb.ui('submit', { user: SUPERVISOR.id, viewId, state: picked })).body).toEqual({
      ok: true,
      closed: true,
    });
    expect(sb.ws.modalFor(SUPERVISOR.id)).toBeUndefined();
  });
});

describe('the agent’s own CXone application (/ui/desk…)', () => {
  it('is not there on the tutorial’s API: nobody can log in as an agent, and nothing reaches the app', async () => {
    const agentMember = [...sb.ws.users.values()].find((u) => u.email === 'ana.silva@example.com')!;
    for (const user of [SUPERVISOR, agentMember]) {
      const res = await sb.ui('desk-action', { user: user.id, action: 'log_in_available' });
      expect(res).toEqual({
        status: 400,
        body: { ok: false, error: `${user.realName} is not a CXone agent in this sandbox` },
      });
    }
    expect((await sb.ui('desk-action', { user: SUPERVISOR.id, action: 'delete_agent' })).status).toBe(400);
    expect(app.requests).toHaveLength(0);
  });
});
