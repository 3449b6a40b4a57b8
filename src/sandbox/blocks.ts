/**
 * Block Kit bookkeeping on the server side. Slack gives every block a `block_id` and every interactive
 * element an `action_id` when the app left them out, and sends them back in interaction payloads; the
 * page names the element it clicked by those two ids, and the payload is built from the stored element
 * (not from what the page claims), as Slack does.
 */

export type BlockJson = Record<string, unknown>;

const INTERACTIVE = new Set([
  'button',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'checkboxes',
  'radio_buttons',
  'plain_text_input',
  'multi_static_select',
  'multi_external_select',
]);

/** The interactive elements of a block: an actions block's elements, a section's accessory, an input's element. */
export function elementsOf(block: BlockJson): BlockJson[] {
  const candidates: unknown[] = [];
  if (Array.isArray(block.elements)) candidates.push(...block.elements);
  if (block.accessory) candidates.push(block.accessory);
  if (block.element) candidates.push(block.element);
  return candidates.filter(
    (e): e is BlockJson =>
      Boolean(e) && typeof e === 'object' && INTERACTIVE.has(String((e as BlockJson).type)),
  );
}

export function normaliseBlocks(blocks: unknown[]): BlockJson[] {
  return blocks
    .filter((b): b is BlockJson => Boolean(b) && typeof b === 'object')
    .map((block, i) => {
      const blockId = typeof block.block_id === 'string' ? block.block_id : `sbx${i}`;
      const copy: BlockJson = { ...block, block_id: blockId };
      const withIds = (e: BlockJson, j: number): BlockJson =>
        INTERACTIVE.has(String(e.type)) && typeof e.action_id !== 'string'
          ? { ...e, action_id: `${blockId}.${j}` }
          : e;
      if (Array.isArray(block.elements)) copy.elements = (block.elements as BlockJson[]).map(withIds);
      if (block.accessory) copy.accessory = withIds(block.accessory as BlockJson, 0);
      if (block.element) copy.element = withIds(block.element as BlockJson, 0);
      return copy;
    });
}

export function findElement(
  blocks: BlockJson[] | undefined,
  blockId: string,
  actionId: string,
): { block: BlockJson; element: BlockJson } | undefined {
  const block = (blocks ?? []).find((b) => b.block_id === blockId);
  const element = block && elementsOf(block).find((e) => e.action_id === actionId);
  return block && element ? { block, element } : undefined;
}
