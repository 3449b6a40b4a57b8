import { randomBytes } from 'node:crypto';
import type { Scope, SeededClient } from './types';

interface TokenRecord {
  clientId: string;
  scopes: readonly Scope[];
  expiresAt: number;
  /** Set by the control endpoints; `expired` answers like a token past its TTL. */
  invalidated?: 'revoked' | 'expired';
}

export type TokenCheck =
  | { ok: true; clientId: string; scopes: readonly Scope[] }
  | { ok: false; message: string };

/** Bearer tokens issued by `POST /oauth/token`. Opaque random strings, like CXone's. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly clients: readonly SeededClient[]) {}

  client(clientId: string): SeededClient | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  issue(client: SeededClient, ttlSeconds: number, now: number): string {
    // A benchmark can ask for thousands of tokens; drop dead ones so the map stays small.
    if (this.tokens.size > 10_000)
      for (const [t, r] of this.tokens) if (r.expiresAt <= now) this.tokens.delete(t);
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, {
      clientId: client.clientId,
      scopes: client.scopes,
      expiresAt: now + ttlSeconds * 1000,
    });
    return token;
  }

  check(token: string | undefined, now: number): TokenCheck {
    if (!token) return { ok: false, message: 'missing bearer token' };
    const record = this.tokens.get(token);
    if (!record) return { ok: false, message: 'unknown access token' };
    if (record.invalidated === 'revoked') return { ok: false, message: 'access token has been revoked' };
    if (record.invalidated === 'expired' || record.expiresAt <= now)
      return { ok: false, message: 'access token has expired' };
    return { ok: true, clientId: record.clientId, scopes: record.scopes };
  }

  /** Invalidates every token issued so far; returns how many were still usable. */
  invalidateAll(how: 'revoked' | 'expired', now: number): number {
    let n = 0;
    for (const record of this.tokens.values()) {
      if (!record.invalidated && record.expiresAt > now) n++;
      record.invalidated ??= how;
    }
    return n;
  }

  clear(): void {
    this.tokens.clear();
  }
}
