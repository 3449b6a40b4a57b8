import { el } from './dom.mjs';
import { plainText, textHtml } from './mrkdwn.mjs';

/**
 * A button's `confirm` object: Slack asks before sending the click. Resolves true on confirm, false on
 * deny or Escape; nothing reaches the app unless confirmed.
 */
export function confirmDialog(confirm, dir) {
  return new Promise((resolve) => {
    const root = document.getElementById('overlays');
    const onKey = (event) => {
      if (event.key === 'Escape') done(false);
    };
    const yes = el('button', {
      type: 'button',
      className: `sk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`,
      html: plainText(confirm.confirm) || 'Yes',
      onclick: () => done(true),
    });
    const no = el('button', {
      type: 'button',
      className: 'sk-button',
      html: plainText(confirm.deny) || 'Cancel',
      onclick: () => done(false),
    });
    const overlay = el(
      'div',
      { className: 'sk-overlay' },
      el(
        'div',
        {
          className: 'sk-dialog',
          role: 'alertdialog',
          'aria-modal': 'true',
          'aria-labelledby': 'sk-confirm-title',
        },
        el('h2', { id: 'sk-confirm-title', className: 'sk-dialog-title', html: plainText(confirm.title) }),
        el('div', { className: 'sk-dialog-text', html: textHtml(confirm.text, dir) }),
        el('div', { className: 'sk-dialog-actions' }, no, yes),
      ),
    );
    function done(answer) {
      document.removeEventListener('keydown', onKey);
      overlay.remove();
      resolve(answer);
    }
    document.addEventListener('keydown', onKey);
    root.append(overlay);
    yes.focus();
  });
}
