/**
 * Text that Slack parses as mrkdwn: a message's top-level `text`, section and context text, fields, a
 * confirm dialog's text. Slack turns `<!channel>`, `<!here>`, `<!subteam^…>`, `<@U…>`, `<#C…>` and
 * `<http…|…>` found there into pings and links, so anything that did not come from this app (an agent,
 * skill or activity name, a CXone error message, what someone typed) must arrive with `&`, `<` and `>`
 * escaped, in the blocks and in the `text` fallback alike.
 *
 * Escaping is by construction, as React escapes by default: the card builders (kit.ts) take a `Mrkdwn`,
 * not a string, and the only ways to make one are the `md` template tag, which escapes every string it
 * interpolates and keeps nested `Mrkdwn` as it is, and the few constructors below for the app's own
 * markup (mentions, channel links, dates), which check what they wrap. Forgetting to escape a name is
 * therefore a type error, and escaping twice cannot happen.
 */

let trusted: (text: string) => Mrkdwn;

export class Mrkdwn {
  readonly #text: string;

  private constructor(text: string) {
    this.#text = text;
  }

  static {
    trusted = (text) => new Mrkdwn(text);
  }

  get length(): number {
    return this.#text.length;
  }

  /** At most `max` characters, ending in "…" when cut (a cut escape sequence shows as text, never as markup). */
  clip(max: number): Mrkdwn {
    return this.#text.length <= max ? this : trusted(`${this.#text.slice(0, max - 1)}…`);
  }

  toString(): string {
    return this.#text;
  }
}

/** Anything `md` may interpolate; strings are escaped, numbers are safe as they are. */
export type Interpolation = Mrkdwn | string | number;

/** The three characters Slack treats as control characters in mrkdwn. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function part(value: Interpolation): string {
  return value instanceof Mrkdwn ? value.toString() : escapeText(String(value));
}

/**
 * The template tag: the literal parts are the app's own words and markup; every interpolated string is
 * escaped. md`Log *${name}* in to ${targetLabel(target)}?`
 */
export function md(strings: TemplateStringsArray, ...values: Interpolation[]): Mrkdwn {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += part(value) + (strings[i + 1] ?? '');
  });
  return trusted(text);
}

/** One string from outside, as text. */
export function esc(text: string): Mrkdwn {
  return trusted(escapeText(text));
}

export function join(parts: readonly Interpolation[], separator: Interpolation = ''): Mrkdwn {
  return trusted(parts.map(part).join(part(separator)));
}

export const EMPTY: Mrkdwn = trusted('');

const USER_ID = /^[UW][A-Z0-9]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

/**
 * `<@U…>` for a Slack user id. Actors of the command-line tool are stored as `cli:<login>` and shown as
 * that login; anything else that is not a user id is shown as text, never as markup.
 */
export function userMention(userId: string): Mrkdwn {
  if (USER_ID.test(userId)) return trusted(`<@${userId}>`);
  return esc(userId.startsWith('cli:') ? userId.slice(4) : userId);
}

/**
 * `<!here>`: pings everyone active in the channel. Written only where a supervisor asked for it (a watch
 * that names `@here`); a name from outside that contains it is escaped like any other text.
 */
export function hereMention(): Mrkdwn {
  return trusted('<!here>');
}

/** Who a watch's drop notices mention: a Slack user, or @here. */
export function watchMention(m: { kind: 'user'; userId: string } | { kind: 'here' }): Mrkdwn {
  return m.kind === 'here' ? hereMention() : userMention(m.userId);
}

/** `<#C…>` for a channel id; anything else as code text. */
export function channelMention(channelId: string): Mrkdwn {
  return CHANNEL_ID.test(channelId) ? trusted(`<#${channelId}>`) : md`\`${channelId}\``;
}

/**
 * Slack renders `<!date^…>` in each reader's own time zone; the text after `|` is the fallback for
 * clients that cannot (notifications, old clients).
 */
export function slackDate(date: Date): Mrkdwn {
  const epoch = Math.floor(date.getTime() / 1000);
  return trusted(`<!date^${epoch}^{date_short_pretty} {time}|${date.toISOString()}>`);
}
