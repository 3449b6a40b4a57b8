import { externalSelect } from './combobox.mjs';
import { confirmDialog } from './confirm.mjs';
import { el, optionText } from './dom.mjs';
import { plainText } from './mrkdwn.mjs';

/**
 * Block Kit interactive elements. Each gets the surface it lives on (a message, a modal, the App Home),
 * which knows how to send block_actions, ask for external options and keep picked values.
 * `inInput` is true inside an input block: picking there only records the value (Slack sends it with
 * the submission), whereas in an actions block or a section accessory it is sent at once.
 */

function button(element, blockId, surface) {
  const node = el('button', {
    type: 'button',
    className: `sk-button ${element.style ?? ''}`.trim(),
    html: plainText(element.text),
    'data-action-id': element.action_id,
  });
  node.addEventListener('click', async () => {
    if (element.confirm && !(await confirmDialog(element.confirm, surface.dir))) return;
    node.disabled = true;
    node.classList.add('busy');
    const result = await surface.act(blockId, element);
    node.disabled = false;
    node.classList.remove('busy');
    if (!result.ok) surface.fail(result.error);
  });
  return node;
}

/** Selecting in an actions block or accessory sends block_actions (after the confirm dialog, if any). */
async function picked(element, blockId, surface, inInput, value) {
  surface.setValue(blockId, element.action_id, value);
  if (inInput) return;
  if (element.confirm && !(await confirmDialog(element.confirm, surface.dir))) return;
  const result = await surface.act(blockId, element, value);
  if (!result.ok) surface.fail(result.error);
}

function allOptions(element) {
  return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((g) => g.options ?? [])];
}

function staticSelect(element, blockId, surface, inInput) {
  const current = surface.value(blockId, element.action_id)?.selected_option ?? element.initial_option;
  const select = el('select', { className: 'sk-select', 'data-action-id': element.action_id });
  select.append(
    el(
      'option',
      { value: '', disabled: true, selected: !current },
      optionText(element.placeholder) || 'Select…',
    ),
  );
  const addOptions = (parent, options) => {
    for (const option of options ?? []) {
      parent.append(
        el('option', { value: option.value, selected: current?.value === option.value }, optionText(option)),
      );
    }
  };
  addOptions(select, element.options);
  for (const group of element.option_groups ?? []) {
    const node = el('optgroup', { label: optionText(group.label) });
    addOptions(node, group.options);
    select.append(node);
  }
  select.addEventListener('change', () => {
    const option = allOptions(element).find((o) => o.value === select.value);
    picked(element, blockId, surface, inInput, { type: element.type, selected_option: option });
  });
  return select;
}

function textInput(element, blockId, surface) {
  const current = surface.value(blockId, element.action_id)?.value ?? element.initial_value ?? '';
  const tag = element.multiline ? 'textarea' : 'input';
  const node = el(tag, {
    className: 'sk-text-input',
    placeholder: optionText(element.placeholder),
    'data-action-id': element.action_id,
  });
  node.value = current;
  node.addEventListener('input', () =>
    surface.setValue(blockId, element.action_id, { type: element.type, value: node.value }),
  );
  return node;
}

export function renderElement(element, blockId, surface, inInput = false) {
  switch (element.type) {
    case 'button':
      return button(element, blockId, surface);
    case 'static_select':
      return staticSelect(element, blockId, surface, inInput);
    case 'external_select':
      return externalSelect(element, blockId, surface, (value) =>
        picked(element, blockId, surface, inInput, value),
      );
    case 'plain_text_input':
      return textInput(element, blockId, surface);
    case 'image':
      return el('img', {
        className: 'sk-image-element',
        src: element.image_url,
        alt: element.alt_text ?? '',
      });
    default:
      return el('span', { className: 'sk-unsupported' }, `[${element.type} is not supported in the sandbox]`);
  }
}
