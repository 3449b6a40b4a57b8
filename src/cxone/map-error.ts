import type { z } from 'zod';
import { summarizeBody, summarizeSaid } from './body-summary';
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
  ResponseTooLargeError,
  UnavailableError,
} from './errors';
import { parseRetryAfter } from './retry-after';
import { type ErrorBody, parseErrorBody } from './schemas';

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

/**
 * A copy of `body` fit to keep on an error: credentials masked by key name at any depth, and bounded in size
 * (see `body-summary.ts`).
 */
export function redactBody(body: unknown): unknown {
  return summarizeBody(body);
}

/**
 * The token endpoint's answer is about credentials: its `error_description` may quote the submitted form
 * (client secret, password) under any wording. Only the OAuth error code is kept, in the message and on
 * the error.
 */
function tokenEndpointBody(parsed: ErrorBody): { error: string } | undefined {
  return parsed.error ? { error: summarizeSaid(parsed.error) } : undefined;
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
  const requestId = requestIdOf(headers);
  const parsed = parseErrorBody(body);
  const details: CxoneErrorDetails = {
    status: typeof status === 'number' ? status : undefined,
    requestId,
    body: ctx.isTokenEndpoint ? tokenEndpointBody(parsed) : redactBody(body),
    endpoint: ctx.endpoint,
  };
  const described = ctx.isTokenEndpoint
    ? parsed.error
    : (parsed.error_description ?? parsed.message ?? parsed.error);
  const said = described ? summarizeSaid(described) : undefined;
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
      const about = conflicting ? ` with skill ${summarizeSaid(conflicting)}` : '';
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
  const requestId = requestIdOf(headers);
  return new InvalidResponseError(
    `${endpoint}: response does not match the contract: ${detail}${requestId ? ` [request id ${requestId}]` : ''}`,
    fields,
    { status, requestId, body: redactBody(body), endpoint },
  );
}

/** A success whose body was longer than the transport reads (see `HttpOutcome.oversize`). */
export function responseTooLargeError(
  limitBytes: number,
  status: number,
  headers: ResponseHeaders,
  endpoint: string,
): ResponseTooLargeError {
  const requestId = requestIdOf(headers);
  return new ResponseTooLargeError(
    `${endpoint}: the answer is larger than ${limitBytes} bytes; reading stopped there${requestId ? ` [request id ${requestId}]` : ''}`,
    limitBytes,
    { status, ...(requestId ? { requestId } : {}), endpoint },
  );
}

/** CXone's request id, cut to a sane length: it is quoted in messages, and a header can be kilobytes. */
export function requestIdOf(headers: ResponseHeaders): string | undefined {
  const id = headers['x-request-id'];
  return id === undefined ? undefined : id.slice(0, MAX_REQUEST_ID);
}

const MAX_REQUEST_ID = 200;
