/**
 * Checks that what the app sends to Slack cannot ping or link anything it did not mean to: every text
 * Slack parses as mrkdwn (a message's top-level `text`, `mrkdwn` text objects in blocks, confirm dialogs,
 * views) may contain only the markup the app writes itself — `<@U…>` and `<#C…>` for ids it knows, and
 * `<!date^…>` tokens — and none of the names seeded into CXone appears there unescaped. Plain-text
 * objects (headers, button labels, options) are not parsed by Slack and are skipped; so are button
 * values and private_metadata, which Slack never shows.
 */

/** Names CXone can hand the app that would ping a channel, a group or a person, or add a link. */
export const HOSTILE_NAMES = {
  channel: '<!channel>',
  here: '<!here>',
  everyone: '<!everyone>',
  subteam: '<!subteam^S1>',
  link: '<http://evil.example|click>',
  user: '<@U0EVIL>',
  room: '<#C0EVIL>',
  amp: 'A&B',
} as const;

const OWN_MARKUP = [
  /^<@[UW][A-Z0-9]+>$/,
  /^<#[CGD][A-Z0-9]+>$/,
  /^<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>|]*>$/,
];

export interface MarkupProblem {
  where: string;
  token: string;
  text: string;
}

/** Every mrkdwn string in a message, view or Web API call, with where it was found. */
export function mrkdwnTexts(message: unknown, where = 'message'): Array<{ where: string; text: string }> {
  const found: Array<{ where: string; text: string }> = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'plain_text') return;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') found.push({ where: path, text: o.text });
    for (const [key, value] of Object.entries(o)) {
      if (key === 'value' || key === 'private_metadata' || key === 'action_id' || key === 'block_id')
        continue;
      if (key === 'text' && typeof value === 'string') {
        // A top-level (or message-level) `text` is mrkdwn unless the message says otherwise.
        if (o.type === undefined && o.mrkdwn !== false) found.push({ where: `${path}.text`, text: value });
        continue;
      }
      walk(value, `${path}.${key}`);
    }
  };
  walk(message, where);
  return found;
}

/**
 * Markup in `message` that the app did not write, and hostile names that got through as they were.
 * `hereAskedFor`: the message is a drop notice of a watch that asked for @here, so `<!here>` is the app's.
 */
export function markupProblems(
  message: unknown,
  where?: string,
  opts: { hereAskedFor?: boolean } = {},
): MarkupProblem[] {
  const problems: MarkupProblem[] = [];
  const own = opts.hereAskedFor ? [...OWN_MARKUP, /^<!here>$/] : OWN_MARKUP;
  const hostile = Object.values(HOSTILE_NAMES).filter(
    (n) => n !== HOSTILE_NAMES.amp && !(opts.hereAskedFor && n === HOSTILE_NAMES.here),
  );
  for (const { where: at, text } of mrkdwnTexts(message, where)) {
    for (const token of text.match(/<[^>]*>?/g) ?? []) {
      if (!own.some((re) => re.test(token))) problems.push({ where: at, token, text });
    }
    for (const name of hostile) {
      if (text.includes(name)) problems.push({ where: at, token: name, text });
    }
    // A bare `&` that does not start an entity would be one the app forgot to escape.
    for (const amp of text.match(/&(?!amp;|lt;|gt;)[^\s]{0,6}/g) ?? [])
      problems.push({ where: at, token: amp, text });
  }
  return problems;
}

/** Jest: fails naming every place where markup from outside got through. */
export function expectNoForeignMarkup(messages: Array<{ where: string; message: unknown }>): void {
  const problems = messages.flatMap(({ where, message }) => markupProblems(message, where));
  expect(problems).toEqual([]);
}
