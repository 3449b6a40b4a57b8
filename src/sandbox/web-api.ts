import { z } from 'zod';
import { APP, type Message, type StoredView, TEAM, type Workspace } from './workspace';

/**
 * The Web API methods the app calls, answering the way Slack does: HTTP 200 with `{ok: true, …}` or
 * `{ok: false, error}`, error codes taken from Slack's documentation of each method. Only what the app
 * uses is here; anything else answers `unknown_method` so a new call shows up at once in the sandbox.
 */

export type Args = Record<string, unknown>;
type Result = Record<string, unknown>;

export class ApiError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const blocksSchema = z.array(z.record(z.string(), z.unknown())).max(50);
const messageSchema = z.object({ text: z.string().max(40_000).optional(), blocks: blocksSchema.optional() });
const viewSchema = z.looseObject({
  type: z.enum(['modal', 'home']),
  blocks: z.array(z.record(z.string(), z.unknown())).max(100),
});

function parse<T>(schema: z.ZodType<T>, args: Args, error = 'invalid_arguments'): T {
  const parsed = schema.safeParse(args);
  if (!parsed.success) throw new ApiError(error);
  return parsed.data;
}

function messageContent(args: Args): { text: string; blocks?: Record<string, unknown>[] } {
  const { text, blocks } = parse(messageSchema, args, 'invalid_blocks');
  if (!text && !blocks?.length) throw new ApiError('no_text');
  return { text: text ?? '', ...(blocks ? { blocks } : {}) };
}

/** A user id as `channel` means "the app's DM with that member", as with Slack's chat.postMessage. */
function channelOf(ws: Workspace, id: unknown): string {
  const channelId = String(id ?? '');
  if (ws.channels.has(channelId)) return channelId;
  if (ws.isMember(channelId)) return ws.imWith(channelId).id;
  throw new ApiError('channel_not_found');
}

/**
 * `thread_ts` makes the message a reply in that message's thread; a reply's own ts means its parent's
 * thread (threads are one level deep). A parent that is gone keeps its thread, as in Slack, where the
 * replies stay under "This message was deleted."
 */
function threadOf(ws: Workspace, channel: string, threadTs: unknown): { threadTs?: string } {
  if (threadTs === undefined || threadTs === null || threadTs === '') return {};
  const ts = String(threadTs);
  if (!/^\d+\.\d{6}$/.test(ts)) throw new ApiError('invalid_thread_ts');
  return { threadTs: ws.threadParent(channel, ts)?.ts ?? ts };
}

function messageJson(m: Message): Result {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    bot_id: APP.botId,
    text: m.text,
    blocks: m.blocks ?? [],
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  };
}

export function viewJson(v: StoredView): Result {
  return {
    ...v.view,
    id: v.id,
    hash: v.hash,
    team_id: TEAM.id,
    app_id: APP.id,
    bot_id: APP.botId,
    root_view_id: v.id,
    previous_view_id: null,
    private_metadata: v.view.private_metadata ?? '',
    callback_id: v.view.callback_id ?? '',
    state: { values: {} },
  };
}

function userJson(ws: Workspace, id: string): Result {
  const user = ws.users.get(id);
  if (!user) throw new ApiError('user_not_found');
  const profile = {
    real_name: user.realName,
    display_name: user.name,
    title: user.title ?? '',
    ...(user.email ? { email: user.email } : {}),
  };
  return {
    id: user.id,
    team_id: TEAM.id,
    name: user.name,
    real_name: user.realName,
    deleted: false,
    is_bot: Boolean(user.isBot),
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    profile,
  };
}

const METHODS: Record<string, (ws: Workspace, args: Args) => Result> = {
  'auth.test': () => ({
    url: `https://${TEAM.domain}.slack.com/`,
    team: TEAM.name,
    user: APP.name,
    team_id: TEAM.id,
    user_id: APP.botUserId,
    bot_id: APP.botId,
  }),
  'chat.postMessage': (ws, args) => {
    const channel = channelOf(ws, args.channel);
    const thread = threadOf(ws, channel, args.thread_ts);
    const message = ws.post({ channel, user: APP.botUserId, ...messageContent(args), ...thread });
    return { channel, ts: message.ts, message: messageJson(message) };
  },
  'chat.postEphemeral': (ws, args) => {
    const channel = channelOf(ws, args.channel);
    if (!ws.isMember(String(args.user))) throw new ApiError('user_not_in_channel');
    const message = ws.post({
      channel,
      user: APP.botUserId,
      ephemeralTo: String(args.user),
      ...messageContent(args),
      ...threadOf(ws, channel, args.thread_ts),
    });
    return { message_ts: message.ts };
  },
  'chat.update': (ws, args) => {
    const channel = channelOf(ws, args.channel);
    const message = ws.message(channel, String(args.ts));
    if (!message || message.ephemeralTo) throw new ApiError('message_not_found');
    if (message.user !== APP.botUserId) throw new ApiError('cant_update_message');
    ws.update(message, messageContent(args));
    return { channel, ts: message.ts, text: message.text, message: messageJson(message) };
  },
  'users.info': (ws, args) => ({ user: userJson(ws, String(args.user ?? '')) }),
  // Slack compares emails without regard to case and answers users_not_found for no match (bots have none).
  'users.lookupByEmail': (ws, args) => {
    const email = String(args.email ?? '')
      .trim()
      .toLowerCase();
    if (!email) throw new ApiError('invalid_arguments');
    const user = [...ws.users.values()].find((u) => !u.isBot && u.email?.toLowerCase() === email);
    if (!user) throw new ApiError('users_not_found');
    return { user: userJson(ws, user.id) };
  },
  'usergroups.users.list': (ws, args) => {
    const users = ws.usergroups.get(String(args.usergroup ?? ''));
    if (!users) throw new ApiError('no_such_subteam');
    return { users };
  },
  'views.open': (ws, args) => {
    const view = parse(viewSchema, args.view ? { ...(args.view as object) } : {}, 'invalid_arguments');
    const trigger = ws.redeemTrigger(String(args.trigger_id ?? ''));
    if ('error' in trigger) throw new ApiError(trigger.error);
    if (view.type !== 'modal') throw new ApiError('invalid_arguments');
    return { view: viewJson(ws.openModal(trigger.userId, view)) };
  },
  'views.update': (ws, args) => {
    const view = parse(viewSchema, args.view ? { ...(args.view as object) } : {}, 'invalid_arguments');
    const current = ws.view(String(args.view_id ?? ''));
    if (!current) throw new ApiError('not_found');
    // Slack refuses an update computed from an outdated view when the caller passes the hash it saw.
    if (args.hash && args.hash !== current.hash) throw new ApiError('hash_conflict');
    return { view: viewJson(ws.updateView(current.id, view)) };
  },
  'views.publish': (ws, args) => {
    const view = parse(viewSchema, args.view ? { ...(args.view as object) } : {}, 'invalid_arguments');
    const userId = String(args.user_id ?? '');
    if (!ws.isMember(userId)) throw new ApiError('user_not_found');
    if (view.type !== 'home') throw new ApiError('invalid_arguments');
    const current = ws.homeFor(userId);
    if (args.hash && current && args.hash !== current.hash) throw new ApiError('hash_conflict');
    return { view: viewJson(ws.publishHome(userId, view)) };
  },
};

export const WEB_API_METHODS = Object.keys(METHODS);

export function callMethod(ws: Workspace, method: string, args: Args): Result {
  const run = METHODS[method];
  if (!run) return { ok: false, error: 'unknown_method' };
  try {
    return { ok: true, ...run(ws, args) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.code };
    throw err;
  }
}
