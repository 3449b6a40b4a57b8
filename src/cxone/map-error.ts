import type { z } from 'zod';
import {
  AuthError,
  BadRequestError,
  ConflictError,
  type CxoneError,
  type CxoneErrorDetails,
  InvalidResponseError,
  MissingScopeError,
  NotFoundError,
  type NotFoundResource,
  RateLimitedError,
  UnavailableError,
} from './errors';
import { parseRetryAfter } from './retry-after';
import { parseErrorBody } from './schemas';

/** What a failed exchange looked like: an HTTP status, or no response at all. */
export type HttpStatus = number | 'timeout' | 'network';

/** Response headers with lower-cased names. */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>;

export interface ErrorContext {
  /** Route template, e.g. `GET /api/v2/agents/{agentId}/states`. */
  endpoint: string;
  /** Scope a 403 on this route means is missing. */
  scope?: string;
  /** What a 404 on this route means is missing, and its id. */
  notFound?: { resource: NotFoundResource; id?: string };
  /** The token endpoint speaks OAuth: its 400/401 mean "bad client credentials". */
  isTokenEndpoint?: boolean;
  /** Clock reading used to turn a Retry-After HTTP-date into a delay. */
  nowMs: number;
  /** Transport error code (ECONNABORTED, ECONNRESET…) when there was no response. */
  transportCode?: string;
}

/** Keys that must never travel on an error (errors get logged and rendered). */
const SECRET_KEYS = new Set(['access_token', 'refresh_token', 'id_token', 'client_secret']);

/** Non-JSON bodies (a proxy's HTML error page) are kept only this long. */
const MAX_TEXT_BODY = 2_000;

/** A copy of `body` fit to keep on an error: top-level credential fields masked, long text cut. */
export function redactBody(body: unknown): unknown {
  if (typeof body === 'string' && body.length > MAX_TEXT_BODY) return `${body.slice(0, MAX_TEXT_BODY)}…`;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, SECRET_KEYS.has(key) ? '[redacted]' : value]),
  );
}

/**
 * The one place an unsuccessful exchange becomes a typed error. Errors carry status, request id, the
 * parsed (redacted) body and the endpoint template — never the axios config or request, which hold the
 * Authorization header and, for the token call, the client secret.
 */
export function mapHttpError(
  status: HttpStatus,
  body: unknown,
  headers: ResponseHeaders,
  ctx: ErrorContext,
): CxoneError {
  const requestId = headers['x-request-id'];
  const details: CxoneErrorDetails = {
    status: typeof status === 'number' ? status : undefined,
    requestId,
    body: redactBody(body),
    endpoint: ctx.endpoint,
  };
  const parsed = parseErrorBody(body);
  const said = parsed.error_description ?? parsed.message ?? parsed.error;
  const message = (summary: string) =>
    `${ctx.endpoint}: ${summary}${said ? ` (${said})` : ''}${requestId ? ` [request id ${requestId}]` : ''}`;

  if (status === 'timeout') {
    return new UnavailableError(message('CXone did not answer in time'), 'timeout', details);
  }
  if (status === 'network') {
    const code = ctx.transportCode ? ` (${ctx.transportCode})` : '';
    return new UnavailableError(message(`CXone could not be reached${code}`), 'network', details);
  }
  if (ctx.isTokenEndpoint && (status === 400 || status === 401 || status === 403)) {
    return new AuthError(message(`token request refused with ${status}`), details);
  }
  switch (status) {
    case 400:
      return new BadRequestError(message('400 bad request'), details);
    case 401:
      return new AuthError(message('401 unauthorized, also after a token refresh'), details);
    case 403:
      return new MissingScopeError(
        message(`403 forbidden; the client needs the ${ctx.scope ?? 'required'} scope`),
        ctx.scope,
        details,
      );
    case 404: {
      const resource = ctx.notFound?.resource ?? 'resource';
      const id = ctx.notFound?.id;
      return new NotFoundError(
        message(`404 ${resource}${id ? ` ${id}` : ''} not found`),
        resource,
        id,
        details,
      );
    }
    case 409: {
      const conflicting = parsed.skillId ?? parsed.conflictingSkillId;
      const about = conflicting ? ` with skill ${conflicting}` : '';
      return new ConflictError(message(`409 conflict${about}`), conflicting, details);
    }
    case 429: {
      const retryAfterMs = parseRetryAfter(headers['retry-after'], ctx.nowMs);
      return new RateLimitedError(message('429 rate limited'), retryAfterMs, details);
    }
  }
  if (status >= 500) return new UnavailableError(message(`${status} server error`), 'server', details);
  if (status >= 400) return new BadRequestError(message(`${status} rejected`), details);
  // 1xx/3xx (redirects are not followed on purpose) are outside the contract.
  return new InvalidResponseError(message(`unexpected status ${status}`), [], details);
}

/** A 2xx whose body does not match the contract. Names every offending field path. */
export function invalidResponseError(
  error: z.ZodError,
  body: unknown,
  status: number,
  headers: ResponseHeaders,
  endpoint: string,
): InvalidResponseError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.map(String).join('.') || '(body)'))];
  const detail = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  const requestId = headers['x-request-id'];
  return new InvalidResponseError(
    `${endpoint}: response does not match the contract: ${detail}${requestId ? ` [request id ${requestId}]` : ''}`,
    fields,
    { status, requestId, body: redactBody(body), endpoint },
  );
}
