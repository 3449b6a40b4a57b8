import type { BlockJson } from './blocks';
import { viewJson } from './web-api';
import { APP, type Channel, type Message, type SandboxUser, type StoredView, TEAM } from './workspace';

/**
 * The bodies Slack sends to an app's request URL, field for field as documented (and as Bolt parses
 * them): slash commands as form fields; interactions as one `payload` field of JSON; events as JSON.
 */

/** Slack still sends the deprecated verification token; Bolt ignores it when a signing secret is set. */
const VERIFICATION_TOKEN = 'sandbox-verification-token';

/** What the member picked or typed in an element, as kept in `state.values` and in `actions[]`. */
export interface ElementValue {
  type: string;
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string } | null;
  value?: string | null;
}

export type StateValues = Record<string, Record<string, ElementValue>>;

function userRef(user: SandboxUser) {
  return { id: user.id, username: user.name, name: user.name, team_id: TEAM.id };
}

const actionTs = (now: number) => (now / 1000).toFixed(6);

export function slashCommand(input: {
  user: SandboxUser;
  channel: Channel;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.imUser ? 'directmessage' : input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: APP.id,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** One entry of `actions[]`, built from the stored element so the page cannot change what was clicked. */
export function actionOf(blockId: string, element: BlockJson, picked: ElementValue | undefined, now: number) {
  const base = {
    action_id: element.action_id,
    block_id: blockId,
    type: element.type,
    action_ts: actionTs(now),
  };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style ? { style: element.style } : {}),
    };
  }
  return { ...base, ...(picked?.selected_option ? { selected_option: picked.selected_option } : {}) };
}

interface InteractionBase {
  user: SandboxUser;
  triggerId: string;
  state: StateValues;
}

export function messageBlockActions(
  input: InteractionBase & { channel: Channel; message: Message; responseUrl: string; action: object },
) {
  const { channel, message } = input;
  const ephemeral = Boolean(message.ephemeralTo);
  const thread = message.threadTs ? { thread_ts: message.threadTs } : {};
  return {
    type: 'block_actions',
    user: userRef(input.user),
    api_app_id: APP.id,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: ephemeral,
      ...thread,
    },
    trigger_id: input.triggerId,
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.imUser ? 'directmessage' : channel.name },
    // Slack sends the message along only when it is a real one; an ephemeral message's blocks stay behind.
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: message.ts,
            user: message.user,
            bot_id: APP.botId,
            text: message.text,
            blocks: message.blocks ?? [],
            ...thread,
          },
        }),
    state: { values: input.state },
    response_url: input.responseUrl,
    actions: [input.action],
  };
}

function viewWithState(view: StoredView, state: StateValues) {
  return { ...viewJson(view), state: { values: state } };
}

export function viewBlockActions(input: InteractionBase & { view: StoredView; action: object }) {
  return {
    type: 'block_actions',
    user: userRef(input.user),
    api_app_id: APP.id,
    token: VERIFICATION_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    view: viewWithState(input.view, input.state),
    actions: [input.action],
  };
}

/** Where a suggestion was asked for: a modal, or a message (external selects work in both). */
export type SuggestionSource =
  | { kind: 'view'; view: StoredView }
  | { kind: 'message'; channel: Channel; message: Message };

export function blockSuggestion(input: {
  user: SandboxUser;
  where: SuggestionSource;
  blockId: string;
  actionId: string;
  value: string;
}) {
  const { where } = input;
  const container =
    where.kind === 'view'
      ? { container: { type: 'view', view_id: where.view.id }, view: viewJson(where.view) }
      : {
          container: {
            type: 'message',
            message_ts: where.message.ts,
            channel_id: where.channel.id,
            is_ephemeral: Boolean(where.message.ephemeralTo),
          },
          channel: { id: where.channel.id, name: where.channel.name },
        };
  return {
    type: 'block_suggestion',
    user: userRef(input.user),
    ...container,
    api_app_id: APP.id,
    token: VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function viewSubmission(input: InteractionBase & { view: StoredView }) {
  return {
    type: 'view_submission',
    team: { id: TEAM.id, domain: TEAM.domain },
    user: userRef(input.user),
    api_app_id: APP.id,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: viewWithState(input.view, input.state),
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function appHomeOpened(input: {
  user: SandboxUser;
  channel: Channel;
  home?: StoredView;
  now: number;
}) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    api_app_id: APP.id,
    type: 'event_callback',
    event_id: `Ev${Math.floor(input.now)}`,
    event_time: Math.floor(input.now / 1000),
    authorizations: [
      { team_id: TEAM.id, user_id: APP.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    event: {
      type: 'app_home_opened',
      user: input.user.id,
      channel: input.channel.id,
      tab: 'home',
      event_ts: actionTs(input.now),
      ...(input.home ? { view: viewJson(input.home) } : {}),
    },
  };
}
