import { DEFAULTS } from '../types';
import type { IncontactSettings } from './types';

/**
 * Every choice the simulator makes where CXONE-INCONTACT.md is silent or marks something unconfirmed, one
 * constant each, so a finding from a real tenant is a one-line change. README.md ("incontact") explains
 * each. Confirmed facts are marked with their source (QA, SDK, SPEC, DOC as in CXONE-INCONTACT.md).
 */

export const INCONTACT_DEFAULTS: Readonly<IncontactSettings> = Object.freeze({
  seed: DEFAULTS.seed,
  agentCount: DEFAULTS.agentCount,
  // The same as v2, so `agentstate simulator --propagation-delay` means the same in both dialects.
  propagationDelayMs: DEFAULTS.propagationDelayMs,
  tokenTtlSeconds: DEFAULTS.tokenTtlSeconds,
  latencyMs: 0,
  // Unconfirmed which of 200-empty, 204 and 304 CXone sends; 304 is the one a naive client mishandles.
  noChangeStatus: 304,
  sessionInProgressStatus: 409,
});

/** Refresh tokens live this long and are single-use: each refresh answers a new one. */
export const REFRESH_TOKEN_TTL_SECONDS = 8 * 3600;

/**
 * A new session shows LoggedIn after this share of the propagation delay and Unavailable (no reason)
 * after the whole delay, so the asked-for state always appears after exactly `propagationDelayMs`.
 */
export const LOGGED_IN_AT_FRACTION = 0.5;

/** `top` when a list call does not say; `top` above the maximum is a 400. */
export const DEFAULT_TOP = 100;
export const MAX_TOP = 10_000;

/** `GET /agents/{id}/state-history` without `startDate`: this far back from `endDate` (or now). */
export const HISTORY_DEFAULT_WINDOW_MS = 24 * 3600 * 1000;
/** Transitions kept per agent; older ones fall out of the state history (bounds a long benchmark's memory). */
export const HISTORY_LIMIT = 500;

/**
 * Values of absent fields in agent states, after a real 2015 `agents/states` payload seen in public code
 * (`"ContactId":null, "OutStateId":null, "SkillId":0, "SkillName":null`).
 */
export const ABSENT = Object.freeze({ id: null, text: null, skillId: 0 });

/** Media ranges of `Accept` that can render JSON; anything else (or no `Accept`) is a 406. */
export const JSON_MEDIA_RANGES: readonly string[] = ['application/json', 'application/*', '*/*'];
/** The body of that 406, as CXone sends it (CXONE-INCONTACT.md). */
export const NOT_ACCEPTABLE_TEXT = 'No known way to render data';

/** What a business-rule refusal looks like on the wire: status, `error` code and HTTP reason phrase. */
export interface Refusal {
  status: number;
  error: string;
  reason: string;
}

const refusal = (status: number, error: string, reason: string): Refusal => ({ status, error, reason });

/** Every refusal the API answers. Bodies are `{error, error_description}`; the reason phrase is `reason`. */
export const REFUSALS = {
  /** QA: 404 "Invalid Agent Id". Also for agents the API user may not see (CXone does not reveal them). */
  invalidAgent: refusal(404, 'InvalidAgentId', 'Invalid Agent Id'),
  /** QA: 400 "Invalid Updated Since". */
  invalidUpdatedSince: refusal(400, 'InvalidUpdatedSince', 'Invalid Updated Since'),
  invalidTeam: refusal(404, 'InvalidTeamId', 'Invalid Team Id'),
  invalidDateRange: refusal(400, 'InvalidDateRange', 'Invalid Date Range'),
  invalidParameter: refusal(400, 'InvalidParameter', 'Invalid Parameter'),
  invalidRequest: refusal(400, 'InvalidRequest', 'Invalid Request'),
  /** DOC: only Available and Unavailable can be set. */
  invalidState: refusal(400, 'InvalidState', 'Invalid State'),
  /** Brief/DOC: unknown or inactive `outStateId` is a 400; so is a code not assigned to the agent's team. */
  invalidOutState: refusal(400, 'InvalidOutStateId', 'Invalid OutState Id'),
  /** A session state `reason` that is not an unavailable code of the agent's team. */
  invalidReason: refusal(400, 'InvalidReason', 'Invalid Reason'),
  /** Unconfirmed (believed to fail): setting the state of, or logging out, an agent with no session. */
  notLoggedIn: refusal(409, 'AgentNotLoggedIn', 'Agent Not Logged In'),
  /** Decided: a contact state is the platform's; it is not overridden (the supervisor forces a logout instead). */
  onContact: refusal(409, 'AgentOnContact', 'Agent Is On A Contact'),
  /** SPEC/DOC: 409, e.g. an after-call-work reason with no contact. */
  acwWithoutContact: refusal(409, 'AcwRequiresContact', 'After Call Work Requires A Contact'),
  /** DOC: 409 and 400 both seen; the status is the `sessionInProgressStatus` setting. */
  sessionInProgress: refusal(409, 'SessionInProgress', 'Session In Progress'),
  stationInUse: refusal(400, 'StationIDInUse', 'Station ID In Use'),
  phoneInUse: refusal(400, 'PhoneNumberInUse', 'Phone Number In Use'),
  invalidStation: refusal(400, 'InvalidPhoneNumberOrStation', 'Invalid Phone Number Or Station'),
  /** Unconfirmed status; Studio names the `ImpersonateNotEnabled` outcome. */
  impersonateNotEnabled: refusal(403, 'ImpersonateNotEnabled', 'Impersonate Not Enabled'),
  /** Decided: a deactivated agent cannot start a session. */
  agentInactive: refusal(400, 'AgentInactive', 'Agent Inactive'),
  /** DOC: 404 invalid session. Also for a session started with another access key. */
  invalidSession: refusal(404, 'InvalidSessionId', 'Invalid Session Id'),
  /** The role of the access key's user lacks a permission; the body names it under `permission`. */
  missingPermission: refusal(403, 'Forbidden', 'Forbidden'),
} as const satisfies Record<string, Refusal>;

export type RefusalKind = keyof typeof REFUSALS;
