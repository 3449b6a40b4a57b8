import { STATUS_CODES } from 'node:http';
import {
  AuthError,
  BadRequestError,
  ConflictError,
  type CxoneError,
  type CxoneErrorDetails,
  DiscoveryError,
  ImpersonationNotAllowedError,
  InvalidResponseError,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  SessionInProgressError,
  StationError,
  UnavailableError,
  type UnavailableReason,
} from '../errors';
import type { HttpOutcome } from '../http';
import { type ErrorContext, mapHttpError } from '../map-error';
import { SESSION_FAILURES, STATION_FAILURES } from './assumptions';
import type { IncontactRoute } from './routes';
import type { SecretScrubber } from './secrets';

/**
 * Failures of the incontact dialect as typed errors, with remediations that speak of what a CXone admin
 * sees: access keys, the application registration, the API user's role. The shared `mapHttpError` still
 * reads the response (request id, redacted body, Retry-After); this module picks the class and words.
 */

/** Which conversation failed: discovery on the auth host, the token endpoint, or an API call. */
export type Stage = 'discovery' | 'token' | 'api';

export interface IncontactErrorInput {
  stage: Stage;
  ctx: ErrorContext;
  scrub: SecretScrubber;
  route?: IncontactRoute;
}

const CREDENTIALS =
  'Check CXONE_ACCESS_KEY_ID and CXONE_ACCESS_KEY_SECRET (CXone Admin > Employees > the API user > Access Keys; the key must be active and its user active) and CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (the application registered with NICE for this integration).';

const REMEDIATION = {
  tokenRefused: `CXone refused to issue a token. ${CREDENTIALS}`,
  apiRejected: `CXone rejected the token even after a fresh one was obtained. ${CREDENTIALS}`,
  forbidden: (permission: string | undefined) =>
    `The API user of CXONE_ACCESS_KEY_ID is not allowed to ${permission ?? 'make this call'}. In CXone Admin, add that permission to the user's role (security profile); it applies to the next call.`,
  notAcceptable:
    "CXone refused to answer in JSON (the app always sends Accept: application/json). Check that the API endpoint (discovered from CXONE_AUTH_URL, or CXONE_BASE_URL when set) is CXone's API host and that CXONE_API_VERSION is a version it serves.",
  badRequest:
    'CXone rejected the request; its reason is quoted above. Check the agent, skill, team or unavailable code id and CXONE_API_VERSION.',
  conflict: "CXone refused the change in the agent's current state. Refresh the status and try again.",
  unexpectedTokenStatus:
    "The token endpoint named by the discovery document did not answer as a token endpoint. Check CXONE_AUTH_URL (NICE's global auth host is https://cxone.niceincontact.com).",
  unavailable: {
    discovery: {
      server:
        "CXone's auth host answered with a server error (5xx) even after retries. Check the CXone status page and try again.",
      timeout:
        "CXone's auth host did not answer in time, even after retries. Check CXONE_AUTH_URL and the CXone status page.",
      network:
        "CXone's auth host could not be reached (DNS, TLS or connection failure). Check CXONE_AUTH_URL and the network path to it.",
    },
    token: {
      server:
        "CXone's token endpoint answered with a server error (5xx) even after retries. Check the CXone status page and try again.",
      timeout:
        "CXone's token endpoint did not answer in time, even after retries. Check the CXone status page and the network path to CXONE_AUTH_URL.",
      network:
        "CXone's token endpoint could not be reached (DNS, TLS or connection failure). Check CXONE_AUTH_URL and the network path to it.",
    },
    api: {
      server:
        'CXone answered with a server error (5xx) even after retries. Check the CXone status page and try again in a few minutes.',
      timeout:
        'CXone did not answer in time, even after retries. Check the CXone status page, and the API endpoint (discovered, or CXONE_BASE_URL when set).',
      network:
        "CXone's API host could not be reached (DNS, TLS or connection failure). Check the API endpoint (discovered from CXONE_AUTH_URL, or CXONE_BASE_URL when set) and the network path to it.",
    },
  } satisfies Record<Stage, Record<UnavailableReason, string>>,
};

export function mapIncontactError(outcome: HttpOutcome, input: IncontactErrorInput): CxoneError {
  const { stage, ctx, scrub, route } = input;
  const { status } = outcome;
  const generic = mapHttpError(status, outcome.body, outcome.headers, {
    ...ctx,
    isTokenEndpoint: stage === 'token',
  });
  const details: CxoneErrorDetails = {
    status: generic.status,
    requestId: generic.requestId,
    body: scrub.value(generic.body),
    endpoint: ctx.endpoint,
  };
  // The token endpoint's description may quote the submitted form under any wording: only its OAuth
  // error code is kept (the shared mapper already reduced the body to it).
  const said =
    stage === 'token'
      ? ((generic.body as { error?: string } | undefined)?.error ?? '')
      : scrub.text(whatCxoneSaid(outcome));
  const message = (summary: string) =>
    `${ctx.endpoint}: ${summary}${said ? ` (${said})` : ''}${details.requestId ? ` [request id ${details.requestId}]` : ''}`;
  const remedied = (remediation: string | undefined): CxoneErrorDetails => ({ ...details, remediation });

  if (generic instanceof UnavailableError) {
    const summary =
      generic.reason === 'timeout'
        ? 'CXone did not answer in time'
        : generic.reason === 'network'
          ? `CXone could not be reached${ctx.transportCode ? ` (${ctx.transportCode})` : ''}`
          : `${status} server error`;
    return new UnavailableError(
      message(summary),
      generic.reason,
      remedied(REMEDIATION.unavailable[stage][generic.reason]),
    );
  }
  if (generic instanceof RateLimitedError) {
    return new RateLimitedError(message('429 rate limited'), generic.retryAfterMs, details);
  }
  if (typeof status !== 'number') return generic; // unreachable: no-response outcomes are Unavailable

  if (stage === 'token') {
    if (status === 400 || status === 401 || status === 403) {
      return new AuthError(
        message(`token request refused with ${status}`),
        remedied(REMEDIATION.tokenRefused),
      );
    }
    return new DiscoveryError(
      message(`unexpected status ${status} from the token endpoint`),
      ['token_endpoint'],
      remedied(REMEDIATION.unexpectedTokenStatus),
    );
  }
  if (stage === 'discovery') {
    return new DiscoveryError(message(`${status} instead of the discovery document`), [], details);
  }
  return mapApiError(status, route, { message, details, remedied, outcome, ctx });
}

interface ApiErrorParts {
  message: (summary: string) => string;
  details: CxoneErrorDetails;
  remedied: (remediation: string | undefined) => CxoneErrorDetails;
  outcome: HttpOutcome;
  ctx: ErrorContext;
}

function mapApiError(status: number, route: IncontactRoute | undefined, parts: ApiErrorParts): CxoneError {
  const { message, details, remedied, outcome, ctx } = parts;
  const text = searchableText(outcome);
  const routeRemediation = route?.remediations?.[status];
  const { impersonationNotEnabled: impersonation, sessionInProgress } = SESSION_FAILURES;

  if (includesStatus(impersonation.statuses, status) && text.includes(impersonation.marker)) {
    return new ImpersonationNotAllowedError(message(`${status}: impersonation is not enabled`), details);
  }
  if (
    (includesStatus(sessionInProgress.statuses, status) && text.includes(sessionInProgress.marker)) ||
    (status === 409 && route?.startsSession)
  ) {
    return new SessionInProgressError(message(`${status}: the agent already has a session`), details);
  }
  for (const [marker, problem] of Object.entries(STATION_FAILURES)) {
    if (status >= 400 && status < 500 && text.includes(marker)) {
      return new StationError(message(`${status}: ${marker}`), problem, details);
    }
  }
  switch (status) {
    case 401:
      return new AuthError(
        message('401 unauthorized, also after a token refresh'),
        remedied(REMEDIATION.apiRejected),
      );
    case 403:
      return new MissingScopeError(
        message(
          `403 forbidden; the API user's CXone role does not let it ${route?.permission ?? 'make this call'}`,
        ),
        undefined,
        remedied(REMEDIATION.forbidden(route?.permission)),
      );
    case 404: {
      const resource = ctx.notFound?.resource ?? 'resource';
      const id = ctx.notFound?.id;
      return new NotFoundError(
        message(`404 ${resource}${id ? ` ${id}` : ''} not found`),
        resource,
        id,
        remedied(routeRemediation),
      );
    }
    case 406:
      return new BadRequestError(
        message('406 not acceptable: CXone refused the Accept: application/json header'),
        remedied(REMEDIATION.notAcceptable),
      );
    case 409:
      return new ConflictError(
        message('409 conflict'),
        undefined,
        remedied(routeRemediation ?? REMEDIATION.conflict),
      );
  }
  if (status >= 400) {
    return new BadRequestError(
      message(`${status} rejected`),
      remedied(routeRemediation ?? REMEDIATION.badRequest),
    );
  }
  // 1xx/3xx outside the route's accepted statuses (redirects are never followed).
  return new InvalidResponseError(message(`unexpected status ${status}`), [], details);
}

function includesStatus(statuses: readonly number[], status: number): boolean {
  return statuses.includes(status);
}

/** Keys under which CXone services (and ASP.NET's default error body) put a human description. */
const MESSAGE_KEYS = ['error_description', 'message', 'Message', 'errorMessage', 'description', 'error'];
const MAX_SAID = 300;

/**
 * What CXone said about the failure: a reason phrase other than the standard one ("400 Invalid Updated
 * Since" in QA recordings), then the body's description. Not yet scrubbed.
 */
function whatCxoneSaid(outcome: HttpOutcome): string {
  const parts: string[] = [];
  const standard = typeof outcome.status === 'number' ? STATUS_CODES[outcome.status] : undefined;
  if (outcome.statusText && outcome.statusText !== standard) parts.push(outcome.statusText);
  const described = describeBody(outcome.body);
  if (described && !parts.includes(described)) parts.push(described);
  const text = parts.join(': ');
  return text.length > MAX_SAID ? `${text.slice(0, MAX_SAID)}…` : text;
}

function describeBody(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    // An HTML error page from a proxy says nothing useful in one line.
    return trimmed === '' || trimmed.startsWith('<') ? undefined : trimmed;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  for (const key of MESSAGE_KEYS) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * Everything a failure marker (SessionInProgress, StationIDInUse…) may hide in, without whitespace: a
 * reason phrase may spell the marker as words ("Session In Progress").
 */
function searchableText(outcome: HttpOutcome): string {
  const body = typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body ?? '');
  return `${outcome.statusText ?? ''}${body}`.replace(/\s+/g, '');
}
