import { emojiHtml } from './emoji.mjs';

/**
 * Slack's mrkdwn to HTML: *bold*, _italic_, ~strike~, `code`, ```pre```, > quotes, <url|text> links,
 * <@U…> / <#C…> / <!here> mentions, <!date^…> dates and emoji shortcodes. Everything
 * that is not markup is HTML-escaped, so the result is safe to assign to innerHTML.
 */

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Slack escapes &, < and > in message text; undo that before escaping for HTML. */
function decodeSlack(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (all, name) => emojiHtml(name) ?? all);
}

/** plain_text objects: escaped, with shortcodes turned into emoji when `emoji` is not false. */
export function plainText(obj) {
  const html = escapeHtml(obj?.text ?? '');
  return obj?.emoji === false ? html : emojify(html);
}

const sameDay = (a, b) => a.toDateString() === b.toDateString();

function prettyDay(d, fallback) {
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  const tomorrow = new Date(today.getTime() + 86_400_000);
  if (sameDay(d, today)) return 'Today';
  if (sameDay(d, yesterday)) return 'Yesterday';
  if (sameDay(d, tomorrow)) return 'Tomorrow';
  return fallback(d);
}

const DATE_TOKENS = {
  date_num: (d) => d.toISOString().slice(0, 10),
  date: (d) => d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' }),
  date_short: (d) => d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
  date_long: (d) =>
    d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
  date_pretty: (d) => prettyDay(d, DATE_TOKENS.date),
  date_short_pretty: (d) => prettyDay(d, DATE_TOKENS.date_short),
  date_long_pretty: (d) => prettyDay(d, DATE_TOKENS.date_long),
  time: (d) => d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
  time_secs: (d) =>
    d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
};

/** `<!date^epoch^format|fallback>`, shown in the reader's own time zone as Slack does. */
function formatDate(target, fallback) {
  const [, epoch, format = '{date_short} {time}'] = target.split('^');
  const date = new Date(Number(epoch) * 1000);
  if (Number.isNaN(date.getTime())) return escapeHtml(fallback ?? '');
  const text = format.replace(/\{(\w+)\}/g, (all, token) => DATE_TOKENS[token]?.(date) ?? all);
  return `<time datetime="${date.toISOString()}" title="${escapeHtml(date.toString())}">${escapeHtml(text)}</time>`;
}

function token(raw, dir) {
  const bar = raw.indexOf('|');
  const target = bar < 0 ? raw : raw.slice(0, bar);
  const label = bar < 0 ? undefined : decodeSlack(raw.slice(bar + 1));
  if (target.startsWith('@')) {
    const name = dir.userName(target.slice(1)) ?? label ?? target.slice(1);
    return `<span class="mention">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const name = dir.channelName(target.slice(1)) ?? label ?? target.slice(1);
    return `<span class="mention">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!date^')) return formatDate(target, label);
  if (target.startsWith('!subteam^')) return `<span class="mention">@${escapeHtml(label ?? 'group')}</span>`;
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
  if (/^(https?:|mailto:)/.test(target)) {
    const href = escapeHtml(decodeSlack(target));
    return `<a href="${href}" target="_blank" rel="noopener noreferrer">${escapeHtml(label ?? decodeSlack(target))}</a>`;
  }
  return escapeHtml(`<${decodeSlack(raw)}>`);
}

/** Markers only count at word edges, as in Slack: "a*b*c" stays as typed. */
function emphasis(html, marker, tag) {
  const m = `\\${marker}`;
  const re = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?![\\w${m}])`, 'g');
  return html.replace(re, `$1<${tag}>$2</${tag}>`);
}

export function mrkdwn(source, dir) {
  const slots = [];
  // Code, links and mentions are rendered first and parked, so emphasis and emoji cannot reach into them.
  const park = (html) => `\uE000${slots.push(html) - 1}\uE001`;
  let s = String(source ?? '');
  s = s.replace(/```([\s\S]*?)```/g, (_, code) => park(`<pre>${escapeHtml(decodeSlack(code))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => park(`<code>${escapeHtml(decodeSlack(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, raw) => park(token(raw, dir)));
  s = escapeHtml(decodeSlack(s));
  s = emphasis(s, '*', 'b');
  s = emphasis(s, '_', 'i');
  s = emphasis(s, '~', 's');
  s = emojify(s);
  s = s.replace(/^&gt; ?(.*)$/gm, '<span class="quote">$1</span>');
  s = s.replace(/\n/g, '<br>');
  return s.replace(/\uE000(\d+)\uE001/g, (_, i) => slots[Number(i)]);
}

/** A Block Kit text object (mrkdwn or plain_text) as HTML. */
export function textHtml(text, dir) {
  if (!text) return '';
  return text.type === 'mrkdwn' ? mrkdwn(text.text, dir) : plainText(text);
}
