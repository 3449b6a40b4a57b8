import { renderBlocks } from './blocks.mjs';
import { el } from './dom.mjs';
import { EYE_ICON } from './emoji.mjs';
import { escapeHtml, mrkdwn } from './mrkdwn.mjs';

/**
 * The message list of one channel. Messages are keyed by channel and ts and only re-rendered when their
 * version changes, so an open select or a focused button in another message is left alone. Ephemeral
 * messages carry Slack's "Only visible to you" line.
 */

const rendered = new Map();
const picks = new Map();

/** Forget everything rendered, e.g. when the page switches to another member. */
export function resetMessages() {
  rendered.clear();
  picks.clear();
}

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

export function avatar(user) {
  if (user?.isBot && user.name === 'agentstate')
    return el('div', { className: 'avatar app-avatar', 'aria-hidden': 'true' }, 'as');
  const name = user?.realName ?? '?';
  return el(
    'div',
    { className: 'avatar', style: `background: hsl(${hue(user?.id ?? '')} 45% 45%)`, 'aria-hidden': 'true' },
    initials(name),
  );
}

function time(ts) {
  const date = new Date(Number(ts.split('.')[0]) * 1000);
  return el(
    'time',
    { className: 'msg-time', datetime: date.toISOString() },
    date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
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

function messageNode(message, page) {
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
    ),
  );
}

/** Renders the channel's messages into `list`, reusing unchanged ones; returns true when one was added. */
export function renderMessages(list, channelId, messages, page, intro) {
  const keep = new Set();
  let added = false;
  const nodes = messages.map((message) => {
    const key = `${message.channel}/${message.ts}`;
    keep.add(key);
    const known = rendered.get(key);
    if (known?.version === message.version) return known.node;
    if (!known) added = true;
    const node = messageNode(message, page);
    rendered.set(key, { version: message.version, node });
    return node;
  });
  for (const key of rendered.keys()) {
    if (key.startsWith(`${channelId}/`) && !keep.has(key)) rendered.delete(key);
  }
  list.replaceChildren(intro, ...nodes);
  return added;
}
