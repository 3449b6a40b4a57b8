/**
 * What this adapter assumes about NICE CXone where the public sources (CXONE-INCONTACT.md) do not settle
 * it. Each is one constant, so a finding on a real tenant is a one-line change here; the README lists them.
 * Everything else the adapter does follows a confirmed source.
 */

/**
 * *Unconfirmed*: how `GET /agents/states?updatedSince=` says "nothing changed since then". Sources show a
 * 200 with an empty list, 204 and 304; all three are read as "no change". (The 200-empty case needs no
 * constant: an empty `agentStates` list is no change by definition.)
 */
export const NO_CHANGE_STATUSES = [204, 304] as const;

/**
 * *Unconfirmed*: the access token's claim naming the tenant, in the order tried. `tenantId` is what NICE's
 * discovery documentation names; the agent SDK and community code read `icBUId` (the business unit).
 */
export const TENANT_ID_CLAIMS = ['tenantId', 'icBUId'] as const;

/**
 * *Unconfirmed*: the failures of `POST /agent-sessions`. Both 409 and 400 have been seen carrying
 * `SessionInProgress`; the impersonation refusal is only known by its Studio outcome name
 * (`ImpersonateNotEnabled`), so its status is a guess (403, or 400 like the other session errors). The
 * marker is looked for in the reason phrase and anywhere in the body, since where CXone puts it is unknown.
 */
export const SESSION_FAILURES = {
  sessionInProgress: { marker: 'SessionInProgress', statuses: [409, 400] },
  impersonationNotEnabled: { marker: 'ImpersonateNotEnabled', statuses: [403, 400] },
} as const;

/** Markers of a station or phone that cannot take a new session (400, per CXone's agent API docs). */
export const STATION_FAILURES = {
  StationIDInUse: 'station_in_use',
  PhoneNumberInUse: 'phone_in_use',
  InvalidPhoneNumberOrStation: 'invalid_station',
} as const;

/**
 * *Unconfirmed*: how `POST /agents/{agentId}/state` takes `state` and `outStateId`. The only recorded call
 * (the QA suite) sends them as form fields; the generated spec client does not show the parameter
 * location. Sent form-encoded, which is also what a query-string-bound ASP.NET action accepts from a body.
 */
export const SET_STATE_ENCODING: 'form' | 'json' = 'form';

/**
 * Page size asked for in the paged reads (`skip`/`top`): a whole 10,000-agent tenant in one request, so a
 * floor or a watch poll is one call. *Unconfirmed*: the largest `top` CXone allows. A tenant that answers
 * with fewer records than asked for (but a larger `totalRecords`) is read in pages of what it gave.
 */
export const PAGE_SIZE = 10_000;

/** A runaway guard for paging: a tenant with more pages than this is reported, not looped over forever. */
export const MAX_PAGES = 200;
