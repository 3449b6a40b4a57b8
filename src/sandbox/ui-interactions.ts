import { z } from 'zod';
import { payloadBody } from './app-link';
import { type BlockJson, findElement } from './blocks';
import {
  actionOf,
  appHomeOpened,
  blockSuggestion,
  messageBlockActions,
  viewBlockActions,
  viewSubmission,
} from './payloads';
import {
  appLink,
  channelFor,
  elementValueSchema,
  member,
  parseJson,
  stateFor,
  stateSchema,
  type UiContext,
  UiError,
  userIdSchema,
} from './ui-context';
import type { SandboxUser, StoredView } from './workspace';

/**
 * Clicks, selects, option searches, modal submissions and App Home visits from the page, each turned into
 * the interaction payload Slack would send. The page names an element by block id and action id; what
 * the app receives is built from the stored message or view.
 */

const containerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
  z.object({ type: z.literal('view'), viewId: z.string() }),
]);

export const actionInputSchema = z.object({
  user: userIdSchema,
  container: containerSchema,
  blockId: z.string(),
  actionId: z.string(),
  picked: elementValueSchema.optional(),
  state: stateSchema,
});

export const optionsInputSchema = z.object({
  user: userIdSchema,
  container: containerSchema,
  blockId: z.string(),
  actionId: z.string(),
  value: z.string().max(200).default(''),
});

export const submitInputSchema = z.object({ user: userIdSchema, viewId: z.string(), state: stateSchema });
export const viewInputSchema = z.object({ user: userIdSchema, viewId: z.string() });
export const homeInputSchema = z.object({ user: userIdSchema });

type Outcome = { ok: true } | { ok: false; error: string };

function ownView(ctx: UiContext, user: SandboxUser, viewId: string): StoredView {
  const view = ctx.ws.view(viewId);
  if (!view || view.userId !== user.id) throw new UiError('that view is closed');
  return view;
}

function viewBlocks(view: StoredView): BlockJson[] {
  return (view.view.blocks as BlockJson[]) ?? [];
}

function element(blocks: BlockJson[] | undefined, blockId: string, actionId: string) {
  const found = findElement(blocks, blockId, actionId);
  if (!found) throw new UiError('that element is no longer there');
  return found.element;
}

async function deliver(ctx: UiContext, payload: unknown): Promise<Outcome> {
  const reply = await appLink(ctx).send(payloadBody(payload));
  return reply.ok ? { ok: true } : { ok: false, error: reply.error ?? 'dispatch_failed' };
}

export async function clickElement(
  ctx: UiContext,
  input: z.infer<typeof actionInputSchema>,
): Promise<Outcome> {
  const user = member(ctx, input.user);
  const where = locate(ctx, user, input.container);
  const clicked = element(where.blocks, input.blockId, input.actionId);
  const base = {
    user,
    triggerId: ctx.ws.issueTrigger(user.id),
    state: stateFor(where.blocks, input.state),
    action: actionOf(input.blockId, clicked, input.picked, ctx.now()),
  };
  if (where.kind === 'view') return deliver(ctx, viewBlockActions({ ...base, view: where.view }));
  const { channel, message } = where;
  const token = ctx.urls.issue({
    channel: channel.id,
    userId: user.id,
    originalTs: message.ts,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
  });
  return deliver(
    ctx,
    messageBlockActions({ ...base, channel, message, responseUrl: ctx.responseUrl(token) }),
  );
}

/** Where an element lives: the stored blocks, and what block_actions/block_suggestion say about it. */
function locate(ctx: UiContext, user: SandboxUser, container: z.infer<typeof containerSchema>) {
  if (container.type === 'view') {
    const view = ownView(ctx, user, container.viewId);
    return { kind: 'view' as const, view, blocks: viewBlocks(view) };
  }
  const channel = channelFor(ctx, user, container.channel);
  const message = ctx.ws.message(channel.id, container.ts);
  if (!message || (message.ephemeralTo && message.ephemeralTo !== user.id))
    throw new UiError('that message is gone');
  return { kind: 'message' as const, channel, message, blocks: message.blocks ?? [] };
}

/** An external_select asks the app for options as the member types (block_suggestion). */
export async function loadOptions(ctx: UiContext, input: z.infer<typeof optionsInputSchema>) {
  const user = member(ctx, input.user);
  const where = locate(ctx, user, input.container);
  element(where.blocks, input.blockId, input.actionId);
  const { blockId, actionId, value } = input;
  const payload = blockSuggestion({ user, where, blockId, actionId, value });
  const reply = await appLink(ctx).send(payloadBody(payload));
  if (!reply.ok) return { ok: false, error: reply.error ?? 'dispatch_failed' };
  const json = parseJson(reply.text) ?? {};
  return { ok: true, options: json.options ?? [], option_groups: json.option_groups };
}

/** Submit: the app's acknowledgement decides whether the modal closes, updates, or shows field errors. */
export async function submitView(ctx: UiContext, input: z.infer<typeof submitInputSchema>) {
  const user = member(ctx, input.user);
  const view = ownView(ctx, user, input.viewId);
  const state = stateFor(viewBlocks(view), input.state);
  const payload = viewSubmission({ user, triggerId: ctx.ws.issueTrigger(user.id), state, view });
  const reply = await appLink(ctx).send(payloadBody(payload));
  if (!reply.ok) return { ok: false, error: reply.error ?? 'dispatch_failed' };
  const ack = parseJson(reply.text);
  if (ack?.response_action === 'errors') return { ok: true, errors: ack.errors ?? {} };
  if ((ack?.response_action === 'update' || ack?.response_action === 'push') && ack.view) {
    ctx.ws.updateView(view.id, ack.view as Record<string, unknown>);
    return { ok: true };
  }
  ctx.ws.closeModal(user.id);
  return { ok: true, closed: true };
}

export function closeView(ctx: UiContext, input: z.infer<typeof viewInputSchema>): Outcome {
  const user = member(ctx, input.user);
  ownView(ctx, user, input.viewId);
  ctx.ws.closeModal(user.id);
  return { ok: true };
}

/** Opening the app's Home tab sends the app_home_opened event (JSON, signed like everything else). */
export async function openHome(ctx: UiContext, input: z.infer<typeof homeInputSchema>): Promise<Outcome> {
  const user = member(ctx, input.user);
  const channel = ctx.ws.imWith(user.id);
  const home = ctx.ws.homeFor(user.id);
  const event = appHomeOpened({ user, channel, now: ctx.now(), ...(home ? { home } : {}) });
  const reply = await appLink(ctx).send(JSON.stringify(event), 'application/json');
  return reply.ok ? { ok: true } : { ok: false, error: reply.error ?? 'dispatch_failed' };
}
