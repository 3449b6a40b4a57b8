/**
 * One typed hierarchy for everything that can go wrong talking to CXone. Callers branch on `instanceof`
 * or `code`, never on message text. Every error carries one `remediation` text for humans, shared by the
 * Slack app and the CLI; the first five come from the tutorial's "Common Errors" section.
 *
 * This module has no transport dependency (no axios), so the use cases may import it.
 */

export type CxoneErrorCode =
  | 'auth_failed'
  | 'missing_scope'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'invalid_response'
  | 'bad_request'
  | 'invalid_input';

export interface CxoneErrorDetails {
  status?: number;
  requestId?: string;
  /** The response body as received (already parsed when it was JSON). Never holds credentials. */
  body?: unknown;
  /** `METHOD /path` template of the call, e.g. `GET /api/v2/agents/{agentId}/states`. */
  endpoint?: string;
  cause?: unknown;
  /**
   * Replaces the class's default remediation. Each CXone dialect names its own settings and consoles (the
   * `incontact` adapter speaks of access keys and CXone roles, not OAuth clients and scopes), while the
   * class — and so `instanceof` and `code` — stays the same for every dialect.
   */
  remediation?: string;
}

export abstract class CxoneError extends Error {
  abstract readonly code: CxoneErrorCode;
  abstract readonly remediation: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly endpoint: string | undefined;

  constructor(message: string, details: CxoneErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.requestId = details.requestId;
    this.body = details.body;
    this.endpoint = details.endpoint;
  }
}

/** 401, after one forced token refresh; or the token endpoint refusing the client credentials. */
export class AuthError extends CxoneError {
  readonly code = 'auth_failed';
  readonly remediation: string;
  constructor(message: string, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.remediation =
      details.remediation ??
      'The OAuth token was rejected or the client id/secret is wrong. Check CXONE_CLIENT_ID and CXONE_CLIENT_SECRET against CXone Admin > Integrations > OAuth Clients; the app already retried once with a fresh token.';
  }
}

/** 403: the OAuth client lacks a scope. */
export class MissingScopeError extends CxoneError {
  readonly code = 'missing_scope';
  readonly scope: string | undefined;
  readonly remediation: string;
  constructor(message: string, scope: string | undefined, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.scope = scope;
    this.remediation =
      details.remediation ??
      `The OAuth client is missing the ${scope ?? 'required'} scope. In CXone Admin > Integrations > OAuth Clients, grant ${scope ?? 'the Agent and Skills permissions'} to the client; a new token is requested automatically once it expires.`;
  }
}

export type NotFoundResource = 'agent' | 'skill' | 'state' | 'resource';

/** 404: unknown agent or skill, or (on DELETE) the agent is not logged in with that state. */
export class NotFoundError extends CxoneError {
  readonly code = 'not_found';
  readonly resource: NotFoundResource;
  readonly id: string | undefined;
  readonly remediation: string;
  constructor(
    message: string,
    resource: NotFoundResource,
    id: string | undefined,
    details: CxoneErrorDetails = {},
  ) {
    super(message, details);
    this.resource = resource;
    this.id = id;
    this.remediation =
      details.remediation ??
      {
        agent:
          'The agent id does not exist in this CXone organisation. Look the agent up by name or email (agentstate agents --search <name>) to find the right id.',
        skill:
          'The skill id does not exist. List the skills with their ids (agentstate skills) and pick one of those.',
        state:
          'The agent is not logged in with that state (already logged out?). Refresh the status to see the current states.',
        resource: 'CXone does not know this resource. Check the id.',
      }[resource];
  }
}

/** 409: already logged in to that skill, or to a skill of the same conflict group. */
export class ConflictError extends CxoneError {
  readonly code = 'conflict';
  readonly conflictingSkillId: string | undefined;
  readonly remediation: string;
  constructor(message: string, conflictingSkillId: string | undefined, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.conflictingSkillId = conflictingSkillId;
    this.remediation =
      details.remediation ??
      'The agent is already logged in to this skill or to a conflicting one. To switch, log the agent out of the current skill first (DELETE its state), then log in to the new one — the "Switch skill" action does both and verifies.';
  }
}

/** 429: CXone asks us to slow down. */
export class RateLimitedError extends CxoneError {
  readonly code = 'rate_limited';
  /** How long CXone asked us to wait, in ms (from Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  readonly remediation: string;
  constructor(message: string, retryAfterMs: number | undefined, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.retryAfterMs = retryAfterMs;
    this.remediation =
      details.remediation ??
      'CXone is rate limiting this client. Wait a moment and try again; if it persists, reduce polling (WATCH_INTERVAL_MS) or the number of watched agents.';
  }
}

export type UnavailableReason = 'server' | 'timeout' | 'network';

/** 5xx, timeouts and network failures. */
export class UnavailableError extends CxoneError {
  readonly code = 'unavailable';
  readonly reason: UnavailableReason;
  readonly remediation: string;
  constructor(message: string, reason: UnavailableReason, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.reason = reason;
    this.remediation =
      details.remediation ??
      {
        server:
          'CXone answered with a server error (5xx) even after retries. Check the CXone status page and try again in a few minutes.',
        timeout:
          'CXone did not answer in time, even after retries. Check CXONE_BASE_URL and the CXone status page, then try again.',
        network:
          'CXone could not be reached (DNS, TLS or connection failure). Check CXONE_BASE_URL and the network path to CXone.',
      }[reason];
  }
}

/** A response that does not match the contract. Keeps the payload and names the field. */
export class InvalidResponseError extends CxoneError {
  readonly code = 'invalid_response';
  /** Dotted paths of the offending fields, e.g. `states.0.loginTime`. */
  readonly fields: string[];
  readonly remediation: string;
  constructor(message: string, fields: string[], details: CxoneErrorDetails = {}) {
    super(message, details);
    this.fields = fields;
    this.remediation =
      details.remediation ??
      'CXone answered with data this app does not understand (a missing or malformed field). The CXone API may have changed or CXONE_BASE_URL points at something else; report the field named here.';
  }
}

/**
 * An answer longer than the transport's cap (a proxy's page, a broken or hostile server): reading stopped
 * at the cap instead of buffering it all. Keeps the `invalid_response` code, since the app cannot use it.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  readonly limitBytes: number;
  constructor(message: string, limitBytes: number, details: CxoneErrorDetails = {}) {
    super(message, [], {
      ...details,
      remediation:
        details.remediation ??
        `CXone answered with more than ${Math.round(limitBytes / 1024 / 1024)} MB, more than any answer this app expects, so it stopped reading. Check that CXONE_BASE_URL points at the CXone API and not at a proxy or another service.`,
    });
    this.limitBytes = limitBytes;
  }
}

/** 400: CXone rejected the request body or query. */
export class BadRequestError extends CxoneError {
  readonly code = 'bad_request';
  readonly remediation: string;
  constructor(message: string, details: CxoneErrorDetails = {}) {
    super(message, details);
    this.remediation =
      details.remediation ??
      'CXone rejected the request as malformed. Check the skill, state and activity ids (agentstate skills) and try again.';
  }
}

/** Input rejected before any call was made (e.g. a malformed agent id). */
export class InvalidInputError extends CxoneError {
  readonly code = 'invalid_input';
  readonly field: string;
  readonly remediation: string;
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
    this.remediation = `Check the ${field}: ${message}`;
  }
}

/*
 * Failures only the `incontact` dialect has. Each extends the class whose `code` already says what kind of
 * failure it is (a conflict, a missing permission, a rejected request, an answer we cannot use), so
 * everything that handles the shared codes keeps working; `instanceof` tells the specific case apart.
 */

/** Starting a session failed because the agent already has one (409 or 400 `SessionInProgress`). */
export class SessionInProgressError extends ConflictError {
  constructor(message: string, details: CxoneErrorDetails = {}) {
    super(message, undefined, {
      ...details,
      remediation:
        details.remediation ??
        'The agent already has a CXone session (logged in at a station or in another browser tab), so a new one cannot be started. Refresh the status: when the agent is logged in, set their state instead; to start over, force a logout first.',
    });
  }
}

/** The API user may not start a session as another agent (`ImpersonateNotEnabled`). */
export class ImpersonationNotAllowedError extends MissingScopeError {
  constructor(message: string, details: CxoneErrorDetails = {}) {
    super(message, undefined, {
      ...details,
      remediation:
        details.remediation ??
        "The API user of CXONE_ACCESS_KEY_ID may not start sessions on an agent's behalf. In CXone Admin, allow impersonation in that user's role (security profile), or unset CXONE_IMPERSONATION so the app asks the agent to log in and verifies when they have.",
    });
  }
}

export type StationProblem = 'station_in_use' | 'phone_in_use' | 'invalid_station';

/** A session could not start on the station or phone given (`StationIDInUse`, `PhoneNumberInUse`, …). */
export class StationError extends BadRequestError {
  readonly problem: StationProblem;
  constructor(message: string, problem: StationProblem, details: CxoneErrorDetails = {}) {
    super(message, {
      ...details,
      remediation:
        details.remediation ??
        {
          station_in_use:
            'The station is already in use by another session. Ask the agent which station they are at, or end the other session first.',
          phone_in_use:
            "That phone number is already used by another agent's session. Use the agent's own station or phone number.",
          invalid_station:
            "CXone does not know that station id or phone number. Check the agent's station in CXone Admin (Stations), or use the phone number the agent answers on.",
        }[problem],
    });
    this.problem = problem;
  }
}

/** Discovery (where to get tokens, which API host serves the tenant) did not yield what it must. */
export class DiscoveryError extends InvalidResponseError {
  constructor(message: string, fields: string[], details: CxoneErrorDetails = {}) {
    super(message, fields, {
      ...details,
      remediation:
        details.remediation ??
        "CXone discovery did not give the app what it needs (the field is named above). Check CXONE_AUTH_URL (NICE's global auth host is https://cxone.niceincontact.com); to skip the API host lookup, set CXONE_BASE_URL to your tenant's API endpoint (e.g. https://api-na1.niceincontact.com).",
    });
  }
}

export function isCxoneError(e: unknown): e is CxoneError {
  return e instanceof CxoneError;
}

export function isRetryableError(e: unknown): boolean {
  return e instanceof RateLimitedError || e instanceof UnavailableError;
}
