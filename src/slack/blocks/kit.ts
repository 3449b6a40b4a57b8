import type { types } from '@slack/bolt';

/**
 * Tiny Block Kit helpers so the card builders read as layouts. Every card is `{ text, blocks }`: Slack
 * shows `text` in notifications and screen readers, and warns when a message has blocks but no text.
 */

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;
export type ConfirmDialog = types.ConfirmationDialog;

export interface Card {
  text: string;
  blocks: Block[];
}

/** Slack caps: 50 blocks per message, 3000 chars per section text, 150 per header, 75 per button label. */
export const LIMITS = { blocks: 50, sectionText: 3000, header: 150, buttonText: 75, buttonValue: 2000 };

/** Escapes the three characters mrkdwn treats as control characters. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.header), emoji: true } };
}

export function section(mrkdwn: string, accessory?: ButtonElement): Block {
  const block: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(mrkdwn, LIMITS.sectionText) },
  };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fields(items: string[]): Block {
  return {
    type: 'section',
    fields: items.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: clip(text, 2000) })),
  };
}

export function context(...parts: string[]): Block {
  return { type: 'context', elements: parts.map((text) => ({ type: 'mrkdwn', text: clip(text, 2000) })) };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function actions(blockId: string, ...elements: ButtonElement[]): Block {
  return { type: 'actions', block_id: blockId, elements };
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

export function confirmDialog(title: string, mrkdwn: string, confirm: string, style?: 'primary' | 'danger') {
  const dialog: ConfirmDialog = {
    title: { type: 'plain_text', text: clip(title, 100) },
    text: { type: 'mrkdwn', text: clip(mrkdwn, 300) },
    confirm: { type: 'plain_text', text: confirm },
    deny: { type: 'plain_text', text: 'Cancel' },
  };
  if (style) dialog.style = style;
  return dialog;
}

/** Keeps a card under Slack's block limit, leaving room for blocks appended later (share button). */
export function capBlocks(blocks: Block[], reserve = 2): Block[] {
  const max = LIMITS.blocks - reserve;
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(`…and ${blocks.length - max + 1} more lines not shown.`)];
}
