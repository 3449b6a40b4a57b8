/**
 * The store cannot be opened or migrated. The message names DATABASE_URL (the variable an operator has to
 * fix) and the reason, with any credentials in the URL redacted: it ends up in logs and on the terminal.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'store_unavailable';
  constructor(
    /** The URL with its password replaced, safe to show. */
    readonly databaseUrl: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`DATABASE_URL (${databaseUrl}): ${reason}`, options);
  }
}

/**
 * `postgres://user:secret@host/db?password=x` → `postgres://user:***@host/db?password=***`. Any
 * `scheme://` URL is redacted, not only the supported ones: a mistyped `mysql://root:pw@…` is shown too.
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|key/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    // Not parseable as a URL: fall back to blanking anything between "://user:" and "@".
    return databaseUrl.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** Removes the URL's password from a driver message that might echo it back (belt and braces). */
export function scrubSecret(text: string, databaseUrl: string): string {
  let secret = '';
  try {
    secret = decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return text;
  }
  return secret.length >= 3 ? text.split(secret).join('***') : text;
}
