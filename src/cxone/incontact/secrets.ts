/**
 * Value-based redaction. Key-based redaction (pino's `redact`, `redactBody`) only masks fields with known
 * names; a token endpoint that echoes the submitted form into `error_description` ("invalid password
 * for username … password=…") puts the access key secret under an innocent key. So every error this
 * dialect builds is passed through a scrubber that knows the secret *values* in play: the access key
 * secret, the client secret, the Basic credentials made from it, and every token obtained.
 */
export interface SecretScrubber {
  /** Remembers more secret values (e.g. each new access and refresh token). Empty values are ignored. */
  add(...values: (string | undefined)[]): void;
  text(value: string): string;
  /** A deep copy of `value` with every secret inside its strings replaced. */
  value(value: unknown): unknown;
}

const MASK = '[redacted]';
/** Shorter strings are not treated as secrets: masking "a" everywhere would destroy every message. */
const MIN_SECRET_LENGTH = 6;

export function createSecretScrubber(initial: (string | undefined)[] = []): SecretScrubber {
  const secrets = new Set<string>();

  function add(...values: (string | undefined)[]): void {
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      // The forms a secret takes on the wire: as is, form/URL-encoded, and inside JSON strings.
      secrets.add(value);
      secrets.add(encodeURIComponent(value));
      secrets.add(new URLSearchParams({ v: value }).toString().slice(2));
      secrets.add(JSON.stringify(value).slice(1, -1));
    }
  }

  function text(input: string): string {
    let out = input;
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out;
  }

  function value(input: unknown): unknown {
    if (typeof input === 'string') return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([key, v]) => [key, value(v)]));
    }
    return input;
  }

  add(...initial);
  return { add, text, value };
}

/** The HTTP Basic credentials of a client, which are as secret as the client secret itself. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
}
