import { renderBlocks } from './blocks.mjs';
import { el } from './dom.mjs';
import { plainText } from './mrkdwn.mjs';

/**
 * The open modal (views.open / views.update). Picks survive an update of the same view, as in Slack;
 * submitting sends view_submission, and the app's answer closes the modal, replaces it or puts errors
 * next to the fields.
 */

let current = null;

function close() {
  current?.node.remove();
  current = null;
}

function surfaceFor(page, modal) {
  const container = { type: 'view', viewId: modal.view.id };
  return {
    dir: page.dir,
    errors: modal.errors,
    value: (blockId, actionId) => modal.values[blockId]?.[actionId],
    setValue: (blockId, actionId, value) => {
      modal.values[blockId] ??= {};
      modal.values[blockId][actionId] = value;
    },
    act: (blockId, element, picked) =>
      page.call('action', { container, blockId, actionId: element.action_id, picked, state: modal.values }),
    options: (blockId, element, value) =>
      page.call('options', { container, blockId, actionId: element.action_id, value }),
    fail: page.fail,
  };
}

async function submit(page, modal, button) {
  button.disabled = true;
  const result = await page.call('submit', { viewId: modal.view.id, state: modal.values });
  button.disabled = false;
  if (modal !== current) return;
  if (!result.ok) {
    modal.problem = `We had some trouble connecting (${result.error}). Try again?`;
    return draw(page);
  }
  if (result.errors) {
    modal.errors = result.errors;
    modal.problem = '';
    return draw(page);
  }
  if (result.closed) close();
}

function draw(page) {
  const modal = current;
  const { view } = modal;
  const dismiss = () => {
    page.call('close', { viewId: view.id });
    close();
  };
  const submitButton = view.submit
    ? el('button', { type: 'button', className: 'sk-button primary', html: plainText(view.submit) })
    : null;
  submitButton?.addEventListener('click', () => submit(page, modal, submitButton));
  const dialog = el(
    'div',
    {
      className: 'sk-modal',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'sk-modal-title',
      tabindex: '-1',
    },
    el(
      'header',
      { className: 'sk-modal-header' },
      el('h2', { id: 'sk-modal-title', html: plainText(view.title) }),
      el('button', { type: 'button', className: 'sk-modal-x', 'aria-label': 'Close', onclick: dismiss }, '×'),
    ),
    el('div', { className: 'sk-modal-body' }, renderBlocks(view.blocks, surfaceFor(page, modal))),
    modal.problem ? el('div', { className: 'sk-modal-problem', role: 'alert' }, modal.problem) : null,
    el(
      'footer',
      { className: 'sk-modal-footer' },
      el('button', {
        type: 'button',
        className: 'sk-button',
        html: plainText(view.close) || 'Cancel',
        onclick: dismiss,
      }),
      submitButton,
    ),
  );
  const node = el('div', { className: 'sk-overlay' }, dialog);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !document.querySelector('.sk-dialog')) dismiss();
  });
  if (modal.node) modal.node.replaceWith(node);
  else document.getElementById('overlays').append(node);
  modal.node = node;
  // Focus on the dialog itself, so Escape closes it and Tab starts inside it, without opening a select.
  dialog.focus();
}

/** Called with every snapshot: the member's open modal, or null. */
export function syncModal(view, page) {
  if (!view) return close();
  if (current?.view.id === view.id && current.view.hash === view.hash) return;
  const sameView = current?.view.id === view.id;
  if (current && !sameView) close();
  current = sameView
    ? { ...current, view, errors: {}, problem: '' }
    : { view, values: {}, errors: {}, problem: '' };
  draw(page);
}
