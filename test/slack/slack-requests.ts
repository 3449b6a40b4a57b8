import { slackSignature } from '../../src/sandbox/app-link';

/**
 * Requests exactly as Slack sends them to the app's request URL: form-encoded bodies (slash commands
 * as fields, interactivity as one `payload=<json>` field), signed with v0 HMAC-SHA256 over
 * `v0:{timestamp}:{raw body}` using the signing secret.
 */

export const TEAM = { id: 'T0001', domain: 'acme' };
export const CHANNEL = { id: 'C0001', name: 'supervisors' };

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature. */
  signature?: string;
  /** Sign with another secret. */
  secret?: string;
}

export const sign = slackSignature;

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  opts: SignOptions & { json?: boolean } = {},
): Promise<{ status: number; text: string }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(opts.secret ?? secret, timestamp, body),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Slack gives every interaction its own trigger_id and every click its own action_ts. */
let sequence = 0;
const triggerId = () => `trigger-${Date.now()}-${++sequence}`;
const actionTs = () => `${(Date.now() / 1000).toFixed(3)}${String(++sequence % 1000).padStart(3, '0')}`;

export function commandBody(
  text: string,
  userId: string,
  responseUrl: string,
  channel: { id: string; name: string } = CHANNEL,
): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/agentstate',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

/** Where the clicked button was: by default an ephemeral reply in CHANNEL. */
export interface ClickedMessage {
  channel?: string;
  ts?: string;
  ephemeral?: boolean;
}

export function buttonPayload(
  actionId: string,
  value: string,
  userId: string,
  responseUrl: string,
  message: ClickedMessage = {},
) {
  const channel = message.channel ?? CHANNEL.id;
  return {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts ?? '1700000000.000100',
      channel_id: channel,
      is_ephemeral: message.ephemeral ?? true,
    },
    trigger_id: triggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: channel === CHANNEL.id ? CHANNEL.name : channel.toLowerCase() },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: 'agentstate_buttons',
        text: { type: 'plain_text', text: 'button', emoji: true },
        value,
        type: 'button',
        action_ts: actionTs(),
      },
    ],
  };
}

export function viewSubmissionPayload(
  userId: string,
  view: { callback_id: string; private_metadata?: string },
  values: Record<string, Record<string, { selected_option?: { value: string } }>>,
) {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    trigger_id: triggerId(),
    view: {
      id: 'V0001',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata ?? '',
      state: { values },
      hash: 'h1',
      blocks: [],
    },
    response_urls: [],
  };
}

export function suggestionPayload(userId: string, actionId: string, blockId: string, value: string) {
  return {
    type: 'block_suggestion',
    user: { id: userId, name: userId.toLowerCase(), team_id: TEAM.id },
    team: TEAM,
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    action_id: actionId,
    block_id: blockId,
    value,
    view: { id: 'V0001', type: 'modal', callback_id: 'agentstate.login_view' },
  };
}

export function formPayload(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Events API deliveries are JSON, not form-encoded. */
export function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}
