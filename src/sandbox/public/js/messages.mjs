import { renderBlocks } from './blocks.mjs';
import { el } from './dom.mjs';
import { EYE_ICON } from './emoji.mjs';
import { escapeHtml, mrkdwn } from './mrkdwn.mjs';

/**
 * Messages as Slack draws them. Each list (the channel, the open thread) keeps the nodes it rendered,
 * keyed by channel and ts, and only re-renders a message when it changed (its version, or its thread's
 * replies), so an open select or a focused button in another message is left alone. Ephemeral messages
 * carry Slack's "Only visible to you" line; a thread's parent, its reply count.
 */

const picks = new Map();
const lists = new Set();

/** Forget everything rendered, e.g. when the page switches to another member. */
export function resetMessages() {
  picks.clear();
  for (const list of lists) list.forget();
}

export const repliesText = (n) => (n === 1 ? '1 reply' : `${n} replies`);

function initials(name) {
  return name
    .split(/[\s.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join('');
}

/** The same member always gets the same colour. */
function hue(id) {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

export function avatar(user, size = '') {
  const className = `avatar${size ? ` ${size}` : ''}`;
  if (user?.isBot && user.name === 'agentstate')
    return el('div', { className: `${className} app-avatar`, 'aria-hidden': 'true' }, 'as');
  const name = user?.realName ?? '?';
  return el(
    'div',
    { className, style: `background: hsl(${hue(user?.id ?? '')} 45% 45%)`, 'aria-hidden': 'true' },
    initials(name),
  );
}

function time(ts, className = 'msg-time', prefix = '') {
  const date = new Date(Number(ts.split('.')[0]) * 1000);
  const clock = date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  return el('time', { className, datetime: date.toISOString() }, `${prefix}${clock}`);
}

/** Under a thread's parent: who replied, how many replies, when the last came; opens the thread. */
function threadSummary(message, page, openThread) {
  const faces = (message.replyUsers ?? []).slice(0, 3).map((id) => avatar(page.users.get(id), 'tiny'));
  return el(
    'button',
    {
      type: 'button',
      className: 'thread-summary',
      'aria-controls': 'thread',
      onclick: (event) => openThread(message, event.currentTarget),
    },
    ...faces,
    el('span', { className: 'thread-count' }, repliesText(message.replyCount)),
    time(message.latestReply, 'thread-last', 'Last reply '),
  );
}

function surfaceFor(message, page) {
  const key = `${message.channel}/${message.ts}`;
  const values = () => picks.get(key) ?? {};
  const container = { type: 'message', channel: message.channel, ts: message.ts };
  return {
    dir: page.dir,
    value: (blockId, actionId) => values()[blockId]?.[actionId],
    setValue: (blockId, actionId, value) => {
      const all = values();
      all[blockId] = { ...all[blockId], [actionId]: value };
      picks.set(key, all);
    },
    act: (blockId, element, picked) =>
      page.call('action', { container, blockId, actionId: element.action_id, picked, state: values() }),
    options: (blockId, element, value) =>
      page.call('options', { container, blockId, actionId: element.action_id, value }),
    fail: page.fail,
  };
}

/** Where a deleted parent was: its thread stays, as in Slack. */
function tombstoneNode(message, page, openThread) {
  return el(
    'article',
    { className: 'message tombstone', 'data-ts': message.ts },
    el('div', { className: 'avatar tombstone-avatar', 'aria-hidden': 'true' }),
    el(
      'div',
      { className: 'msg-content' },
      el('div', { className: 'msg-text' }, message.text),
      openThread && message.replyCount ? threadSummary(message, page, openThread) : null,
    ),
  );
}

function messageNode(message, page, openThread) {
  if (message.tombstone) return tombstoneNode(message, page, openThread);
  const author = page.users.get(message.user);
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, surfaceFor(message, page))
    : el('div', { className: 'msg-text', html: mrkdwn(message.text, page.dir) });
  return el(
    'article',
    { className: `message${message.ephemeral ? ' ephemeral' : ''}`, 'data-ts': message.ts },
    avatar(author),
    el(
      'div',
      { className: 'msg-content' },
      message.ephemeral
        ? el('div', { className: 'ephemeral-note' }, el('span', { html: EYE_ICON }), ' Only visible to you')
        : null,
      el(
        'div',
        { className: 'msg-meta' },
        el('span', { className: 'msg-author', html: escapeHtml(author?.realName ?? message.user) }),
        author?.isBot ? el('span', { className: 'badge' }, 'APP') : null,
        time(message.ts),
      ),
      body,
      message.edited ? el('span', { className: 'msg-edited' }, '(edited)') : null,
      openThread && message.replyCount ? threadSummary(message, page, openThread) : null,
    ),
  );
}

/** What a rendered node depends on besides the message's own version: its thread's replies. */
const renderKey = (message) => `${message.version}:${message.replyCount ?? 0}:${message.latestReply ?? ''}`;

/**
 * A list of messages (the channel, or a thread). `openThread(message, button)` draws a parent's reply
 * count as a button that opens its thread; without it (inside the thread) the count is left out.
 */
export function createMessageList(page, { openThread } = {}) {
  const rendered = new Map();
  const list = {
    forget: () => rendered.clear(),
    /**
    /** The nodes for `messages`, reusing unchanged ones; `added` tells whether one is new. */
    nodes(messages) {
      const keep = new Set();
      let added = false;
      const nodes = messages.map((message) => {
        const key = `${message.channel}/${message.ts}`;
        keep.add(key);
        const known = rendered.get(key);
        if (known?.key === renderKey(message)) return known.node;
        if (!known) added = true;
        const node = messageNode(message, page, openThread);
        rendered.set(key, { key: renderKey(message), node });
        return node;
      });
      for (const key of rendered.keys()) if (!keep.has(key)) rendered.delete(key);
      return { nodes, added };
    },
  };
  lists.add(list);
  return list;
}
