import { el, optionText } from './dom.mjs';
import { renderElement } from './elements.mjs';
import { plainText, textHtml } from './mrkdwn.mjs';

/**
 * Block Kit layout blocks: header, section (text, fields, accessory), context, divider, actions, input
 * and image. A block type the sandbox does not know is shown as such rather than dropped, so a new
 * block in the app's cards cannot go unnoticed here.
 */

function section(block, surface) {
  const body = el('div', { className: 'sk-section-body' });
  if (block.text) body.append(el('div', { className: 'sk-text', html: textHtml(block.text, surface.dir) }));
  if (block.fields?.length) {
    body.append(
      el(
        'div',
        { className: 'sk-fields' },
        ...block.fields.map((f) => el('div', { className: 'sk-field', html: textHtml(f, surface.dir) })),
      ),
    );
  }
  const accessory = block.accessory
    ? el('div', { className: 'sk-accessory' }, renderElement(block.accessory, block.block_id, surface))
    : undefined;
  return el('div', { className: 'sk-block sk-section' }, body, accessory);
}

function context(block, surface) {
  const items = (block.elements ?? []).map((item) =>
    item.type === 'image'
      ? el('img', { className: 'sk-context-image', src: item.image_url, alt: item.alt_text ?? '' })
      : el('span', { className: 'sk-context-text', html: textHtml(item, surface.dir) }),
  );
  return el('div', { className: 'sk-block sk-context' }, ...items);
}

function actions(block, surface) {
  const elements = (block.elements ?? []).map((e) => renderElement(e, block.block_id, surface));
  return el('div', { className: 'sk-block sk-actions', 'data-block-id': block.block_id }, ...elements);
}

function input(block, surface) {
  const id = `input-${block.block_id}`;
  const control = renderElement(block.element, block.block_id, surface, true);
  const field = control.matches('input, select, textarea')
    ? control
    : control.querySelector('input, select, textarea');
  field?.setAttribute('id', id);
  const error = surface.errors?.[block.block_id];
  return el(
    'div',
    { className: `sk-block sk-input${error ? ' has-error' : ''}` },
    el(
      'label',
      { for: id, className: 'sk-label' },
      optionText(block.label),
      block.optional ? el('span', { className: 'sk-optional' }, ' (optional)') : null,
    ),
    control,
    block.hint ? el('div', { className: 'sk-hint', html: plainText(block.hint) }) : null,
    error ? el('div', { className: 'sk-error', role: 'alert' }, error) : null,
  );
}

function image(block, surface) {
  return el(
    'figure',
    { className: 'sk-block sk-image' },
    block.title ? el('figcaption', { html: textHtml(block.title, surface.dir) }) : null,
    el('img', { src: block.image_url, alt: block.alt_text ?? '' }),
  );
}

function renderBlock(block, surface) {
  switch (block.type) {
    case 'header':
      return el('div', {
        className: 'sk-block sk-header',
        role: 'heading',
        'aria-level': '3',
        html: plainText(block.text),
      });
    case 'section':
      return section(block, surface);
    case 'context':
      return context(block, surface);
    case 'divider':
      return el('hr', { className: 'sk-block sk-divider' });
    case 'actions':
      return actions(block, surface);
    case 'input':
      return input(block, surface);
    case 'image':
      return image(block, surface);
    default:
      return el(
        'div',
        { className: 'sk-block sk-unsupported' },
        `[${block.type} block is not supported in the sandbox]`,
      );
  }
}

export function renderBlocks(blocks, surface) {
  return el('div', { className: 'sk-blocks' }, ...(blocks ?? []).map((b) => renderBlock(b, surface)));
}
