import { renderBlocks } from './blocks.mjs';
import { createDesk } from './desk.mjs';
import { el, reconcile } from './dom.mjs';
import { avatar, createMessageList, resetMessages } from './messages.mjs';
import { syncModal } from './modal.mjs';
import { createNav } from './nav.mjs';
import { stickToBottom } from './scroll.mjs';
import { createThreadPane } from './thread.mjs';

/**
 * The sandbox page: a channel view, the app's Home and Messages tabs, threads, a message box and the
 * switch between a supervisor and an ordinary member. The server pushes a snapshot of what the member
 * may see (server-sent events); everything the member does goes to /ui/…, where the server turns it
 * into the signed request Slack would send to the app.
 */

const $ = (id) => document.getElementById(id);
const state = {
  snap: null,
  me: null,
  source: null,
  place: { kind: 'channel', id: 'C0SUPERVISORS' },
  tab: 'home',
};
let homeRendered = null;
/** Per member, the newest direct message from the app they have looked at (for the sidebar's count). */
const seenDm = new Map();
/** What the sidebar was last drawn from: redrawing it on every snapshot would take the focus away. */
let sidebarDrawn = '';
let toastTimer;

async function api(name, body) {
  try {
    const res = await fetch(`/ui/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return await res.json();
  } catch {
    return { ok: false, error: 'the sandbox server is not reachable' };
  }
}

function toast(text) {
  const node = $('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, 8000);
}

const page = {
  users: new Map(),
  dir: {
    userName: (id) => page.users.get(id)?.realName,
    channelName: (id) => state.snap?.channels.find((c) => c.id === id)?.name,
  },
  call: (name, body) => api(name, { user: state.me, ...body }),
  fail: (error) => toast(`The app did not handle that (${error}).`),
  toast,
};

const nav = createNav();
const desk = createDesk(page);
const thread = createThreadPane(page);
const channelList = createMessageList(page, {
  openThread: (message, button) => thread.open(message, button, state.snap, currentChannel()),
});
const channelScroll = stickToBottom($('messages'), $('message-column'), $('jump-latest'));
/** The channel intro is kept while it is the same channel, so a focused hint keeps its focus. */
let introFor = { key: '', node: null };

function connect(userId) {
  state.source?.close();
  resetMessages();
  thread.close();
  channelScroll.toBottom();
  homeRendered = null;
  state.source = new EventSource(userId ? `/ui/events?user=${encodeURIComponent(userId)}` : '/ui/events');
  state.source.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
  state.source.addEventListener('error', () => toast('Lost the sandbox server; reconnecting…'));
}

function imChannel() {
  return state.snap.channels.find((c) => c.im);
}

function currentChannel() {
  return state.place.kind === 'channel'
    ? state.snap.channels.find((c) => c.id === state.place.id)
    : imChannel();
}

/** Slack's ts order: seconds, then the sequence after the dot. */
function tsAfter(a, b) {
  const [as, aseq] = a.split('.').map(Number);
  const [bs, bseq] = b.split('.').map(Number);
  return as - bs || aseq - bseq;
}

/** Direct messages from the app this member has not looked at yet. */
function unreadDms(snap) {
  const im = snap.channels.find((c) => c.im);
  if (!im) return 0;
  const seen = seenDm.get(snap.me);
  return snap.messages.filter(
    (m) => m.channel === im.id && m.user !== snap.me && !m.threadTs && (!seen || tsAfter(m.ts, seen) > 0),
  ).length;
}

function markDmsSeen(snap) {
  if (state.place.kind !== 'app' || state.tab !== 'messages') return;
  const im = snap.channels.find((c) => c.im);
  const newest = im && snap.messages.filter((m) => m.channel === im.id).at(-1);
  if (newest) seenDm.set(snap.me, newest.ts);
}

function go(place) {
  state.place = place;
  if (place.kind === 'app' && state.tab === 'home') page.call('home', {});
  thread.close();
  channelScroll.toBottom();
  nav.picked();
  render(state.snap);
  $('composer-input').focus();
}

function navItem(label, active, onclick) {
  return el(
    'li',
    {},
    el('button', { type: 'button', className: `nav-item${active ? ' active' : ''}`, onclick }, label),
  );
}

function renderSidebar(snap) {
  const unread = unreadDms(snap);
  const key = JSON.stringify([snap.me, snap.channels, snap.actors, state.place, unread]);
  if (key === sidebarDrawn) return;
  sidebarDrawn = key;
  renderSwitch(snap);
  const channels = snap.channels.filter((c) => !c.im);
  $('channel-list').replaceChildren(
    ...channels.map((c) =>
      navItem(`# ${c.name}`, state.place.kind === 'channel' && state.place.id === c.id, () =>
        go({ kind: 'channel', id: c.id }),
      ),
    ),
  );
  const appLabel = unread
    ? el(
        'span',
        { className: 'nav-label' },
        snap.app.name,
        el('span', { className: 'badge', 'aria-hidden': 'true' }, String(unread)),
        el('span', { className: 'visually-hidden' }, `(${unread} new message${unread === 1 ? '' : 's'})`),
      )
    : snap.app.name;
  const openApp = () => {
    // A direct message waiting opens the app on its Messages tab, as Slack opens a DM at the news.
    if (unreadDms(state.snap) > 0) state.tab = 'messages';
    go({ kind: 'app' });
  };
  $('app-list').replaceChildren(navItem(appLabel, state.place.kind === 'app', openApp));
}

const ROLE_LABELS = { supervisor: 'Supervisor', member: 'Member', agent: 'Agent' };

function renderSwitch(snap) {
  const box = $('actor-switch');
  const radios = snap.actors.map((actor) => {
    const user = page.users.get(actor.userId);
    const input = el('input', {
      type: 'radio',
      name: 'actor',
      value: actor.userId,
      checked: actor.userId === snap.me,
    });
    input.addEventListener('change', () => {
      nav.picked();
      connect(actor.userId);
    });
    return el(
      'label',
      { className: 'actor' },
      input,
      el('span', {}, `${ROLE_LABELS[actor.role] ?? 'Member'} · ${user?.realName ?? actor.userId}`),
    );
  });
  box.replaceChildren(el('legend', {}, 'Acting as'), ...radios);
  const me = page.users.get(snap.me);
  const role = snap.actors.find((a) => a.userId === snap.me)?.role ?? 'member';
  $('me').replaceChildren(
    avatar(me),
    el('div', {}, el('strong', {}, me?.realName ?? snap.me), el('small', {}, role)),
  );
}

function intro(channel, snap) {
  const key = `${snap.me}/${channel.id}`;
  if (introFor.key !== key) introFor = { key, node: introNode(channel, snap) };
  return introFor.node;
}

function introNode(channel, snap) {
  if (channel.im)
    return el('div', { className: 'channel-intro' }, 'Messages the app sends you directly appear here.');
  const hints = snap.hints.map((h) =>
    el(
      'button',
      { type: 'button', className: 'hint', title: h.note, onclick: () => fill(h.command) },
      el('code', {}, h.command),
      el('span', {}, h.note),
    ),
  );
  // The suggestions belong in the channel where supervisors work; the audit channel only gets its topic.
  const withHints = snap.channels.find((c) => !c.im)?.id === channel.id;
  return el(
    'div',
    { className: 'channel-intro' },
    el('h2', {}, `#${channel.name}`),
    el(
      'p',
      {},
      withHints
        ? `This is the very beginning of #${channel.name}. Type a command below, or pick one:`
        : `This is the very beginning of #${channel.name}. ${channel.topic}.`,
    ),
    withHints ? el('div', { className: 'hints' }, ...hints) : null,
  );
}

function fill(command) {
  const input = $('composer-input');
  input.value = command;
  input.focus();
}

function renderHome(snap) {
  const home = snap.home;
  if (homeRendered === (home?.hash ?? 'none')) return;
  homeRendered = home?.hash ?? 'none';
  if (!home) return $('home').replaceChildren(el('p', { className: 'muted' }, 'Loading the Home tab…'));
  const container = { type: 'view', viewId: home.id };
  const surface = {
    dir: page.dir,
    value: () => undefined,
    setValue: () => undefined,
    act: (blockId, element, picked) =>
      page.call('action', { container, blockId, actionId: element.action_id, picked, state: {} }),
    options: (blockId, element, value) =>
      page.call('options', { container, blockId, actionId: element.action_id, value }),
    fail: page.fail,
  };
  $('home').replaceChildren(renderBlocks(home.blocks, surface));
}

function renderMain(snap) {
  const inApp = state.place.kind === 'app';
  const showHome = inApp && state.tab === 'home';
  const channel = currentChannel();
  $('main-title').textContent = inApp ? snap.app.name : `# ${channel?.name ?? ''}`;
  $('main-topic').textContent = inApp ? 'See and fix agent states in NICE CXone' : (channel?.topic ?? '');
  $('tabs').hidden = !inApp;
  for (const tab of $('tabs').querySelectorAll('[role="tab"]'))
    tab.setAttribute('aria-selected', String(tab.dataset.tab === state.tab));
  $('home').hidden = !showHome;
  $('message-pane').hidden = showHome;
  // The agent's own CXone application sits under the app's direct messages (incontact sandbox).
  desk.render(snap.desk, inApp && state.tab === 'messages');
  $('composer-input').placeholder = inApp ? `Message ${snap.app.name}` : `Message #${channel?.name ?? ''}`;
  if (showHome) return renderHome(snap);
  const inChannel = channel ? snap.messages.filter((m) => m.channel === channel.id) : [];
  // Replies live in their thread, under their parent's reply count.
  const shown = channelList.nodes(inChannel.filter((m) => !m.threadTs));
  reconcile($('message-column'), [channel ? intro(channel, snap) : el('div'), ...shown.nodes]);
  channelScroll.rendered(shown.added);
  thread.render(snap, channel);
}

function render(snap) {
  if (!snap) return;
  if (state.me !== snap.me) resetMessages();
  state.snap = snap;
  state.me = snap.me;
  page.users = new Map(snap.users.map((u) => [u.id, u]));
  markDmsSeen(snap);
  renderSidebar(snap);
  renderMain(snap);
  syncModal(snap.modal, page);
}

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  const channel = currentChannel();
  if (!text || !channel) return;
  input.value = '';
  // Slack shows the newest messages after you send one, wherever you had scrolled to.
  channelScroll.toBottom();
  const result = await page.call('message', { channel: channel.id, text });
  if (!result.ok) toast(`Could not send that: ${result.error}`);
});

// The button hides once used; the focus goes where the member types rather than nowhere.
$('jump-latest').addEventListener('click', () => $('composer-input').focus());

$('composer-input').addEventListener('keydown', (event) => {
  if (event.key === 'PageUp' || event.key === 'PageDown') channelScroll.page(event.key === 'PageUp' ? -1 : 1);
});

for (const tab of $('tabs').querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', () => {
    state.tab = tab.dataset.tab;
    go({ kind: 'app' });
  });
}

connect(new URLSearchParams(location.search).get('as') ?? '');
