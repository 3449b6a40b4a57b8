/**
 * What of a CXone answer may travel on an error (and so reach logs, Slack and the terminal): a copy with
 * every credential masked by key name at any depth, cut to a bounded size. A body can be megabytes (a
 * proxy's error page, a hostile or broken server) and can echo secrets back under any nesting, so errors
 * never carry the body as received.
 */

const MASK = '[redacted]';

/** How much of a body an error keeps, in characters of its JSON (or text) form. */
export const MAX_BODY_SUMMARY = 2_000;

/** How much of CXone's own wording (`message`, `error_description`) goes into an error message. */
export const MAX_SAID = 300;

/** Deeper than any CXone answer; a guard against self-referencing or absurdly nested input. */
const MAX_DEPTH = 20;

/**
 * Key names, compared without case and punctuation (`client_secret`, `clientSecret`, `Client-Secret`), whose
 * value is a credential: a key ending in one of these words. `token_type` or `expires_in` stay readable.
 */
const SECRET_KEY_ENDINGS = [
  'secret',
  'token',
  'password',
  'passwd',
  'apikey',
  'authorization',
  'cookie',
  'assertion',
  'privatekey',
  'credentials',
];

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => normalized.endsWith(ending));
}

/** `Bearer abc…`, `Basic abc…`: the value of an Authorization header quoted in text. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** `client_secret=…`, `"access_token": "…"`, `password: …` inside text (form bodies, echoed requests). */
const SECRET_ASSIGNMENT =
  /(["']?)\b([A-Za-z0-9_-]{0,40}?(?:secret|token|password|passwd|api[_-]?key|authorization|assertion))\1(\s{0,5}[:=]\s{0,5})(["']?)[^"'&\s,;}]+/gi;

/**
 * Masks credentials quoted inside free text. Only ever given bounded text (see `clip`): the patterns are
 * linear, but a megabyte of text would still cost more than an error is worth.
 */
export function redactSecretText(text: string): string {
  return text
    .replace(AUTH_SCHEME, `$1 ${MASK}`)
    .replace(SECRET_ASSIGNMENT, (_m, q1: string, key: string, sep: string, q2: string) => {
      return `${q1}${key}${q1}${sep}${q2}${MASK}`;
    });
}

/** A deep copy with every value under a credential key masked, and credentials inside strings masked. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  // A string longer than a whole summary can only end up cut: cut it first, then look for secrets.
  if (typeof value === 'string') return redactSecretText(clip(value, MAX_BODY_SUMMARY));
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSecretKey(key) ? MASK : redactSecrets(item, depth + 1),
    ]),
  );
}

/** Cuts `text` to `max` characters, saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** One line: CXone's wording goes into messages that are themselves one line in a card or a log. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The body as an error may keep it: redacted, and when its JSON form is longer than `MAX_BODY_SUMMARY`,
 * replaced by the start of that JSON as text. Small bodies stay objects, so callers can still read fields.
 */
export function summarizeBody(body: unknown): unknown {
  if (typeof body === 'string') return redactSecretText(clip(body, MAX_BODY_SUMMARY));
  const redacted = redactSecrets(body);
  if (redacted === null || typeof redacted !== 'object') return redacted;
  const json = JSON.stringify(redacted);
  return json.length <= MAX_BODY_SUMMARY ? redacted : clip(json, MAX_BODY_SUMMARY);
}

/** CXone's own wording for a message: redacted, one line, bounded. */
export function summarizeSaid(said: string): string {
  return clip(oneLine(redactSecretText(clip(said, 2 * MAX_SAID))), MAX_SAID);
}
