import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { REFRESH_TOKEN_TTL_SECONDS } from './decisions';
import type { AppRegistration, SeededAccessKey } from './types';

/** What the token endpoint answers (DOC). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  id_token: string;
}

/** What the tokens say about the tenant and its user; the same for every token of the simulator. */
export interface TokenSubject {
  issuer: string;
  tenantId: string;
  businessUnitId: number;
  clusterId: string;
  /** The API user's UUID and agent id. */
  userId: string;
  agentId: number;
  name: string;
}

interface Issued {
  key: SeededAccessKey;
  expiresAt: number;
  invalidated?: 'revoked' | 'expired';
}

interface RefreshGrant extends Issued {
  clientId: string;
  subject: TokenSubject;
}

export type TokenCheck = { ok: true; key: SeededAccessKey } | { ok: false; message: string };

/**
 * Access tokens are JWTs (header.payload.signature, HS256 with a secret of this process) carrying
 * `tenantId`, `sub`, `iss` and `exp` as CXone's do; refresh tokens are opaque and single-use. Every token is
 * also remembered by id so the controls can revoke or expire it, and so a reset forgets them all.
 */
export class IcTokens {
  private readonly secret = randomBytes(32);
  private readonly access = new Map<string, Issued>();
  private readonly refresh = new Map<string, RefreshGrant>();

  issue(app: AppRegistration, key: SeededAccessKey, subject: TokenSubject, ttlSeconds: number, now: number) {
    this.prune(now);
    const jti = randomBytes(12).toString('base64url');
    const iat = Math.floor(now / 1000);
    const exp = iat + ttlSeconds;
    this.access.set(jti, { key, expiresAt: now + ttlSeconds * 1000 });
    const refreshToken = randomBytes(24).toString('base64url');
    this.refresh.set(refreshToken, {
      key,
      clientId: app.clientId,
      subject,
      expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000,
    });
    const common = { iss: subject.issuer, sub: `user:${subject.userId}`, iat, exp };
    const response: TokenResponse = {
      access_token: this.sign({
        ...common,
        aud: 'CXoneAPI',
        jti,
        tenantId: subject.tenantId,
        icBUId: subject.businessUnitId,
        icClusterId: subject.clusterId,
        icAgentId: subject.agentId,
        name: subject.name,
      }),
      token_type: 'Bearer',
      expires_in: ttlSeconds,
      refresh_token: refreshToken,
      id_token: this.sign({ ...common, aud: app.clientId, name: subject.name }),
    };
    return response;
  }

  check(token: string | undefined, now: number): TokenCheck {
    if (!token) return { ok: false, message: 'missing bearer token' };
    const claims = this.verify(token);
    const issued = typeof claims?.jti === 'string' ? this.access.get(claims.jti) : undefined;
    if (!issued) return { ok: false, message: 'unknown or malformed access token' };
    if (issued.invalidated === 'revoked') return { ok: false, message: 'access token has been revoked' };
    if (issued.invalidated === 'expired' || issued.expiresAt <= now)
      return { ok: false, message: 'access token has expired' };
    return { ok: true, key: issued.key };
  }

  /** Takes a refresh token issued to this client: one use only. */
  redeem(refreshToken: string, clientId: string, now: number): RefreshGrant | undefined {
    const grant = this.refresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId || grant.invalidated || grant.expiresAt <= now)
      return undefined;
    this.refresh.delete(refreshToken);
    return grant;
  }

  /** Invalidates every access and refresh token issued so far; returns how many access tokens were live. */
  invalidateAll(how: 'revoked' | 'expired', now: number): number {
    let n = 0;
    for (const issued of this.access.values()) {
      if (!issued.invalidated && issued.expiresAt > now) n++;
      issued.invalidated ??= how;
    }
    for (const grant of this.refresh.values()) grant.invalidated ??= how;
    return n;
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }

  /** A benchmark can ask for thousands of tokens; drop dead ones so the maps stay small. */
  private prune(now: number): void {
    if (this.access.size > 10_000)
      for (const [k, v] of this.access) if (v.expiresAt <= now) this.access.delete(k);
    if (this.refresh.size > 10_000)
      for (const [k, v] of this.refresh) if (v.expiresAt <= now) this.refresh.delete(k);
  }

  private sign(payload: Record<string, unknown>): string {
    const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64(JSON.stringify(payload));
    return `${head}.${body}.${this.mac(`${head}.${body}`)}`;
  }

  private verify(token: string): Record<string, unknown> | undefined {
    const [head, body, signature, extra] = token.split('.');
    if (!head || !body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private mac(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');
