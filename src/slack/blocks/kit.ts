import type { types } from '@slack/bolt';
import { type Mrkdwn, md } from './mrkdwn';

/**
 * Tiny Block Kit helpers so the card builders read as layouts. Every card is `{ text, blocks }`: Slack
 * shows `text` in notifications and screen readers, and warns when a message has blocks but no text.
 *
 * Whatever Slack parses as mrkdwn goes in as a `Mrkdwn` (see mrkdwn.ts), and a `Card` can only be made
 * by `card()` from blocks made here, so a name from CXone cannot reach a message unescaped. Plain-text
 * fields (headers, button labels, dialog titles) take strings: Slack shows those as they are.
 */

export { EMPTY, esc, join, type Mrkdwn, md } from './mrkdwn';

declare const BUILT: unique symbol;
/** A block made by the helpers below, so every mrkdwn text in it was a `Mrkdwn`. */
export type Block = types.KnownBlock & { readonly [BUILT]: true };
export type ButtonElement = types.Button;
export type ConfirmDialog = types.ConfirmationDialog;

declare const SAFE: unique symbol;
/** A message's top-level `text`, rendered from a `Mrkdwn` by `card()`. */
export type SafeText = string & { readonly [SAFE]: true };

export interface Card {
  text: SafeText;
  blocks: Block[];
}

/** Slack caps: 50 blocks per message, 3000 chars per section text, 150 per header, 75 per button label. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  text: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
};

export function card(text: Mrkdwn, blocks: Block[]): Card {
  return { text: text.clip(LIMITS.text).toString() as SafeText, blocks };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const built = (block: types.KnownBlock) => block as Block;

function mrkdwn(text: Mrkdwn, max: number): types.MrkdwnElement {
  return { type: 'mrkdwn', text: text.clip(max).toString() };
}

export function header(text: string): Block {
  return built({
    type: 'header',
    text: { type: 'plain_text', text: clip(text, LIMITS.header), emoji: true },
  });
}

export function section(text: Mrkdwn, accessory?: ButtonElement): Block {
  const block: types.SectionBlock = { type: 'section', text: mrkdwn(text, LIMITS.sectionText) };
  if (accessory) block.accessory = accessory;
  return built(block);
}

export interface SelectOption {
  /** Plain text: Slack shows it as it is. */
  text: string;
  value: string;
}

/** A section with a static select beside its text (e.g. a reason to pick); at most 100 options. */
export function selectSection(
  blockId: string,
  text: Mrkdwn,
  select: { actionId: string; placeholder: string; options: SelectOption[] },
): Block {
  return built({
    type: 'section',
    block_id: blockId,
    text: mrkdwn(text, LIMITS.sectionText),
    accessory: {
      type: 'static_select',
      action_id: select.actionId,
      placeholder: { type: 'plain_text', text: clip(select.placeholder, 150) },
      options: select.options.slice(0, 100).map((o) => ({
        text: { type: 'plain_text', text: clip(o.text, 75) },
        value: o.value,
      })),
    },
  });
}

export function fields(items: Mrkdwn[]): Block {
  return built({ type: 'section', fields: items.slice(0, 10).map((text) => mrkdwn(text, 2000)) });
}

export function context(...parts: Mrkdwn[]): Block {
  return built({ type: 'context', elements: parts.map((text) => mrkdwn(text, 2000)) });
}

export function divider(): Block {
  return built({ type: 'divider' });
}

export function actions(blockId: string, ...elements: ButtonElement[]): Block {
  return built({ type: 'actions', block_id: blockId, elements });
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export function button(spec: ButtonSpec): ButtonElement {
  const b: ButtonElement = {
    type: 'button',
    text: { type: 'plain_text', text: clip(spec.text, LIMITS.buttonText), emoji: true },
    action_id: spec.actionId,
    value: spec.value,
  };
  if (spec.style) b.style = spec.style;
  if (spec.confirm) b.confirm = spec.confirm;
  return b;
}

export function confirmDialog(title: string, text: Mrkdwn, confirm: string, style?: 'primary' | 'danger') {
  const dialog: ConfirmDialog = {
    title: { type: 'plain_text', text: clip(title, 100) },
    text: mrkdwn(text, 300),
    confirm: { type: 'plain_text', text: confirm },
    deny: { type: 'plain_text', text: 'Cancel' },
  };
  if (style) dialog.style = style;
  return dialog;
}

/**
 * An input block of a modal (a select): labels and options are plain text. Kept here so a modal's
 * blocks, too, come only from these helpers.
 */
export function inputBlock(blockId: string, label: string, element: types.InputBlock['element']): Block {
  return built({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: label }, element });
}

/** Keeps a card under Slack's block limit, leaving room for blocks appended later (share button). */
export function capBlocks(blocks: Block[], reserve = 2): Block[] {
  const max = LIMITS.blocks - reserve;
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(md`…and ${blocks.length - max + 1} more lines not shown.`)];
}
