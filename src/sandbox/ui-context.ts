import { z } from 'zod';
import type { AgentDesk } from './agent-desk';
import type { AppLink } from './app-link';
import { type BlockJson, elementsOf } from './blocks';
import type { ElementValue, StateValues } from './payloads';
import type { ResponseUrls } from './response-urls';
import { type Channel, type SandboxUser, SLACKBOT, type Workspace } from './workspace';

/** What the page's endpoints share: the workspace, the response_urls, and the link to the app. */
export interface UiContext {
  ws: Workspace;
  urls: ResponseUrls;
  /** The app's request URL; undefined until the app has started. */
  link(): AppLink | undefined;
  /** Absolute URL of a response_url token, on the sandbox server. */
  responseUrl(token: string): string;
  now(): number;
  /** The agents' side of CXone (incontact sandbox only): members who are agents can log in. */
  desk?: AgentDesk;
}

/** A refusal the page shows as is; the HTTP layer answers it with 400. */
export class UiError extends Error {}

export const userIdSchema = z.string().min(1).max(40);

const optionSchema = z.object({
  text: z.object({ type: z.literal('plain_text'), text: z.string() }).loose(),
  value: z.string(),
});
export const elementValueSchema = z.object({
  type: z.string(),
  selected_option: optionSchema.nullable().optional(),
  value: z.string().nullable().optional(),
});
export const stateSchema = z.record(z.string(), z.record(z.string(), elementValueSchema)).default({});

export function member(ctx: UiContext, id: string): SandboxUser {
  const user = ctx.ws.users.get(id);
  if (!user || user.isBot) throw new UiError(`unknown member ${id}`);
  return user;
}

export function channelFor(ctx: UiContext, user: SandboxUser, id: string): Channel {
  const channel = ctx.ws.channelsFor(user.id).find((c) => c.id === id);
  if (!channel) throw new UiError(`unknown channel ${id}`);
  return channel;
}

export function appLink(ctx: UiContext): AppLink {
  const link = ctx.link();
  if (!link) throw new UiError('the app has not started yet');
  return link;
}

/** What Slack shows when the app could not be reached or refused a command. */
export function slackbotSays(ctx: UiContext, channel: Channel, userId: string, text: string): void {
  ctx.ws.post({ channel: channel.id, user: SLACKBOT, text, ephemeralTo: userId });
}

function initialValue(element: BlockJson): Omit<ElementValue, 'type'> {
  if (element.type === 'plain_text_input') return { value: (element.initial_value as string) ?? null };
  return { selected_option: (element.initial_option as ElementValue['selected_option']) ?? null };
}

/**
 * `state.values` for a message or view: every stateful element, with what the member picked or else its
 * initial value (Slack sends untouched selects as `selected_option: null`). Only elements that exist in
 * the stored blocks are kept.
 */
export function stateFor(blocks: BlockJson[], picked: z.infer<typeof stateSchema>): StateValues {
  const out: StateValues = {};
  for (const block of blocks) {
    for (const element of elementsOf(block)) {
      if (element.type === 'button') continue;
      const blockId = String(block.block_id);
      const actionId = String(element.action_id);
      const value = picked[blockId]?.[actionId] ?? initialValue(element);
      out[blockId] ??= {};
      out[blockId][actionId] = { ...value, type: String(element.type) } as ElementValue;
    }
  }
  return out;
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
