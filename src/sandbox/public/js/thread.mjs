import { el, reconcile } from './dom.mjs';
import { createMessageList, repliesText } from './messages.mjs';
import { stickToBottom } from './scroll.mjs';

/**
 * The open thread, as in Slack: the parent, "N replies", the replies (an ephemeral one only for its
 * member) and a box to reply. app.css puts it beside the channel on wide windows and over it on narrow
 * ones. Escape or × closes it and gives the focus back to the reply count that opened it.
 */

const $ = (id) => document.getElementById(id);

export function createThreadPane(page) {
  const pane = $('thread');
  const column = $('thread-column');
  const list = createMessageList(page);
  const scroll = stickToBottom($('thread-messages'), column);
  const divider = el('div', { className: 'thread-divider' });
  /** { channel, ts } of the open thread's parent, and the button that opened it. */
  let current = null;
  let opener = null;

  function setOpen(open) {
    pane.hidden = !open;
    $('layout').classList.toggle('thread-open', open);
  }

  function close() {
    if (!current) return;
    const { ts } = current;
    current = null;
    setOpen(false);
    // The reply count may have been re-rendered meanwhile: find today's button of the same parent.
    const button = document.querySelector(`#message-column [data-ts="${ts}"] .thread-summary`);
    (button ?? opener)?.focus();
    opener = null;
  }

  function render(snap, channel) {
    if (!current) return;
    const inChannel = current.channel === channel?.id ? snap.messages : [];
    // A deleted parent stays as a stand-in while it has replies; with none left, the thread is gone.
    const parent = inChannel.find((m) => m.channel === current.channel && m.ts === current.ts);
    if (!parent || parent.threadTs) return close();
    $('thread-channel').textContent = `# ${channel.name}`;
    const replies = inChannel.filter((m) => m.channel === current.channel && m.threadTs === current.ts);
    const shown = list.nodes([parent, ...replies]);
    const [parentNode, ...replyNodes] = shown.nodes;
    divider.textContent = repliesText(parent.replyCount ?? 0);
    reconcile(column, [parentNode, divider, ...replyNodes]);
    scroll.rendered(shown.added);
  }

  $('thread-close').addEventListener('click', close);
  pane.addEventListener('keydown', (event) => {
    // A confirm dialog or modal on top handles its own Escape.
    if (event.key === 'Escape' && !$('overlays').childElementCount) close();
  });
  $('thread-input').addEventListener('keydown', (event) => {
    if (event.key === 'PageUp' || event.key === 'PageDown') scroll.page(event.key === 'PageUp' ? -1 : 1);
  });
  $('thread-composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('thread-input');
    const text = input.value.trim();
    if (!text || !current) return;
    input.value = '';
    scroll.toBottom();
    const result = await page.call('message', { channel: current.channel, threadTs: current.ts, text });
    if (!result.ok) page.toast(`Could not send that: ${result.error}`);
  });

  return {
    open(message, button, snap, channel) {
      current = { channel: message.channel, ts: message.ts };
      opener = button;
      list.forget();
      setOpen(true);
      render(snap, channel);
      scroll.toBottom();
      $('thread-input').focus();
    },
    close,
    render,
    get isOpen() {
      return current !== null;
    },
  };
}
