import { z } from 'zod';
import { formBody } from './app-link';
import { slashCommand } from './payloads';
import {
  appLink,
  channelFor,
  member,
  parseJson,
  slackbotSays,
  type UiContext,
  UiError,
  userIdSchema,
} from './ui-context';
import { APP, type Channel, type SandboxUser, SLACKBOT, type Workspace } from './workspace';

/**
 * The message box: plain text becomes a message from the member; `/agentstate …` becomes the signed
 * slash command request Slack would send, with a fresh response_url and trigger_id.
 */

export const COMMAND = '/agentstate';

export const messageInputSchema = z.object({
  user: userIdSchema,
  channel: z.string().min(1).max(40),
  text: z.string().trim().min(1).max(4000),
  /** A reply typed in a thread's own message box: the ts of the thread's parent. */
  threadTs: z.string().max(40).optional(),
});

/** Slack's own escaping of what a member types: the three mrkdwn control characters. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * What Slack does to typed text for a command with "Escape channels, users, and links" on (the
 * manifest's `should_escape: true`) and for messages: `@handle` → `<@U…|handle>`, `#name` → `<#C…|name>`.
 */
export function escapeMentions(ws: Workspace, text: string): string {
  return escapeText(text)
    .replace(/(^|\s)@([\w.-]+)/g, (all, lead: string, handle: string) => {
      const user = [...ws.users.values()].find((u) => u.name.toLowerCase() === handle.toLowerCase());
      return user ? `${lead}<@${user.id}|${user.name}>` : all;
    })
    .replace(/(^|\s)#([\w-]+)/g, (all, lead: string, name: string) => {
      const channel = [...ws.channels.values()].find((c) => !c.imUser && c.name === name.toLowerCase());
      return channel ? `${lead}<#${channel.id}|${channel.name}>` : all;
    });
}

export async function sendMessage(ctx: UiContext, input: z.infer<typeof messageInputSchema>) {
  const user = member(ctx, input.user);
  const channel = channelFor(ctx, user, input.channel);
  if (input.threadTs !== undefined) return replyInThread(ctx, user, channel, input.threadTs, input.text);
  if (!input.text.startsWith('/')) {
    ctx.ws.post({ channel: channel.id, user: user.id, text: escapeMentions(ctx.ws, input.text) });
    return { ok: true };
  }
  const command = input.text.split(/\s/, 1)[0]!;
  if (command !== COMMAND) {
    slackbotSays(ctx, channel, user.id, `\`${escapeText(command)}\` is not a valid command in this sandbox.`);
    return { ok: true };
  }
  await runCommand(ctx, user, channel, input.text.slice(command.length).trim());
  return { ok: true };
}

/** Slack runs no slash command typed in a thread; it says so there, only to the member who typed it. */
function replyInThread(ctx: UiContext, user: SandboxUser, channel: Channel, ts: string, text: string) {
  const parent = ctx.ws.threadParent(channel.id, ts);
  if (!parent) throw new UiError('that thread is gone');
  if (text.startsWith('/')) {
    const command = escapeText(text.split(/\s/, 1)[0]!);
    ctx.ws.post({
      channel: channel.id,
      user: SLACKBOT,
      text: `\`${command}\` is not supported in threads. Sorry!`,
      ephemeralTo: user.id,
      threadTs: parent.ts,
    });
    return { ok: true };
  }
  ctx.ws.post({
    channel: channel.id,
    user: user.id,
    text: escapeMentions(ctx.ws, text),
    threadTs: parent.ts,
  });
  return { ok: true };
}

async function runCommand(ctx: UiContext, user: SandboxUser, channel: Channel, text: string): Promise<void> {
  const token = ctx.urls.issue({ channel: channel.id, userId: user.id });
  const body = slashCommand({
    user,
    channel,
    command: COMMAND,
    text: escapeMentions(ctx.ws, text),
    responseUrl: ctx.responseUrl(token),
    triggerId: ctx.ws.issueTrigger(user.id),
  });
  const reply = await appLink(ctx).send(formBody(body));
  if (!reply.ok) {
    slackbotSays(ctx, channel, user.id, `\`${COMMAND}\` failed with the error "${reply.error}"`);
    return;
  }
  postInstantReply(ctx, user, channel, reply.text);
}

/** A command's acknowledgement may carry the answer itself (text, or JSON with text/blocks). */
function postInstantReply(ctx: UiContext, user: SandboxUser, channel: Channel, text: string): void {
  if (!text.trim()) return;
  const json = parseJson(text);
  const blocks = Array.isArray(json?.blocks) ? (json.blocks as Record<string, unknown>[]) : undefined;
  const inChannel = json?.response_type === 'in_channel';
  ctx.ws.post({
    channel: channel.id,
    user: APP.botUserId,
    text: json ? String(json.text ?? '') : text,
    ...(blocks ? { blocks } : {}),
    ...(inChannel ? {} : { ephemeralTo: user.id }),
  });
}
