import { z } from 'zod';
import { AGENT_STATE_NAMES, type AgentStateName } from '../../agentstate/sessions/model';

/**
 * Wire shapes of the incontact dialect, with the field names of CXONE-INCONTACT.md. Unknown fields are
 * dropped (`z.object` strips); CXone sends `null` for absent values, so optional fields are `nullish` and
 * come out as `undefined`; ids arrive as numbers or strings and come out as strings. A missing required
 * field fails with its path, which the adapter turns into an InvalidResponseError naming it.
 */

/** Absent, or `null` as CXone writes it: both become `undefined`. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);
}

/** Integer ids (agents, skills, teams, codes) are numbers on the wire; UUIDs and some ids are strings. */
export const wireId = z.union([z.number().int().nonnegative(), z.string().trim().min(1)]).transform(String);

/** `outStateDescription` is typed as a number in one generated client; text either way. */
const text = z.union([z.string(), z.number()]).transform(String);

/**
 * CXone's timestamps. ISO 8601 with an offset in every recorded answer; one without an offset is read as
 * UTC (CXone stores UTC) rather than in whatever zone this process runs.
 */
export const cxoneDate = z.string().transform((value, ctx) => {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const parsed = Date.parse(hasZone ? value : `${value}Z`);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(parsed)) return new Date(parsed);
  ctx.issues.push({ code: 'custom', message: 'expected an ISO 8601 date-time', input: value });
  return z.NEVER;
});

const links = optional(z.object({ next: optional(z.string()) }));

// --- discovery and tokens ---------------------------------------------------------------------------

/** `GET {authUrl}/.well-known/openid-configuration`. */
export const openidConfigurationSchema = z.object({
  token_endpoint: z.url(),
  issuer: optional(z.string()),
});

/** `GET {authUrl}/.well-known/cxone-configuration?tenantId=`. */
export const cxoneConfigurationSchema = z.object({
  api_endpoint: z.url(),
  area: optional(z.string()),
  domain: optional(z.string()),
});

/** `POST {token_endpoint}` 200. No `scope`: what a token may do is the API user's role. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: optional(z.string()),
  refresh_token: optional(z.string().min(1)),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().positive()),
  id_token: optional(z.string()),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// --- agents -----------------------------------------------------------------------------------------

export const agentSchema = z.object({
  agentId: wireId,
  userID: optional(z.string()),
  userName: optional(z.string()),
  firstName: optional(z.string()),
  lastName: optional(z.string()),
  emailAddress: optional(z.string()),
  isActive: optional(z.boolean()),
  teamId: optional(wireId),
  teamName: optional(z.string()),
  isSupervisor: optional(z.boolean()),
  lastLogin: optional(z.string()),
});
export type WireAgent = z.infer<typeof agentSchema>;

/** `GET /agents?searchString=&skip=&top=`. */
export const agentPageSchema = z.object({
  totalRecords: optional(z.number().int()),
  hiddenAgents: optional(z.number().int()),
  _links: links,
  agents: z.array(agentSchema),
});

/** `GET /agents/{agentId}`: an array even for one agent. */
export const agentListSchema = z.object({ agents: z.array(agentSchema) });

// --- states -----------------------------------------------------------------------------------------

/**
 * `agentStateId` per CXONE-INCONTACT.md, used when a name is missing or one this app does not know (a
 * renamed or localised state): an unknown name with a known id is read by its id; with neither, the
 * answer is rejected as invalid rather than guessed.
 */
const STATE_NAME_BY_ID: Readonly<Record<number, AgentStateName>> = {
  0: 'LoggedOut',
  1: 'Available',
  2: 'Unavailable',
  3: 'InboundContact',
  4: 'OutboundContact',
  5: 'InboundConsult',
  6: 'OutboundConsult',
  7: 'Dialer',
  8: 'LoggedIn',
};

function knownStateName(name: string | undefined): AgentStateName | undefined {
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  return AGENT_STATE_NAMES.find((known) => known.toLowerCase() === lower);
}

export const agentStateSchema = z
  .object({
    agentId: wireId,
    agentStateId: optional(z.coerce.number().int()),
    agentStateName: optional(z.string()),
    startDate: optional(cxoneDate),
    lastUpdateTime: optional(cxoneDate),
    outStateId: optional(wireId),
    outStateDescription: optional(text),
    skillId: optional(wireId),
    skillName: optional(z.string()),
    contactId: optional(wireId),
    stationId: optional(wireId),
    stationPhoneNumber: optional(z.string()),
    teamId: optional(wireId),
    teamName: optional(z.string()),
    // The doc writes `isACW`, a generated client `isAcw`.
    isACW: optional(z.boolean()),
    isAcw: optional(z.boolean()),
    firstName: optional(z.string()),
    lastName: optional(z.string()),
    userName: optional(z.string()),
    isActive: optional(z.boolean()),
  })
  .transform((wire, ctx) => {
    const state =
      knownStateName(wire.agentStateName) ??
      (wire.agentStateId === undefined ? undefined : STATE_NAME_BY_ID[wire.agentStateId]);
    if (state === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `unknown agent state ${JSON.stringify(wire.agentStateName ?? null)} with agentStateId ${wire.agentStateId ?? 'null'}`,
        input: wire.agentStateName,
        path: ['agentStateName'],
      });
      return z.NEVER;
    }
    // A state has to say since when; `lastUpdateTime` is the closest stand-in when `startDate` is null.
    const since = wire.startDate ?? wire.lastUpdateTime;
    if (since === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'missing startDate',
        input: undefined,
        path: ['startDate'],
      });
      return z.NEVER;
    }
    return { ...wire, state, since };
  });
export type WireAgentState = z.infer<typeof agentStateSchema>;

/** `GET /agents/{agentId}/states`. */
export const agentStateListSchema = z.object({ agentStates: z.array(agentStateSchema) });

/** `GET /agents/states?updatedSince=&skip=&top=`. */
export const bulkStatesSchema = z.object({
  lastPollTime: optional(z.string()),
  totalRecords: optional(z.number().int()),
  _links: links,
  agentStates: optional(z.array(agentStateSchema)),
});

/**
 * The same answer with its states not yet checked: a caller that needs a few agents of a large tenant
 * (a team's floor) validates those and leaves the rest unread — checking 10,000 states costs ~90 ms.
 */
export const bulkStatesEnvelopeSchema = bulkStatesSchema.extend({
  agentStates: optional(z.array(z.unknown())),
});

export const stateHistorySchema = z.object({
  agentStateHistory: z.array(
    z.object({
      startDate: cxoneDate,
      agentStateName: z.string(),
      outStateDescription: optional(text),
      // Seconds, or "hh:mm:ss" in some reporting endpoints.
      duration: optional(z.union([z.number(), z.string()])),
      agentSessionId: optional(wireId),
      // Not in the document's field list; read when present (see lastStation in the session use cases).
      stationId: optional(wireId),
      stationName: optional(z.string()),
    }),
  ),
});

// --- skills and unavailable codes -------------------------------------------------------------------

export const skillListSchema = z.object({
  totalRecords: optional(z.number().int()),
  _links: links,
  skills: z.array(
    z.object({
      skillId: wireId,
      skillName: z.string(),
      mediaTypeName: optional(z.string()),
      isActive: optional(z.boolean()),
    }),
  ),
});

export const agentSkillListSchema = z.object({
  agentSkillAssignments: z.array(
    z.object({
      skillId: wireId,
      skillName: z.string(),
      isActive: optional(z.boolean()),
      isSkillActive: optional(z.boolean()),
      agentProficiencyValue: optional(z.number()),
    }),
  ),
});

/** `GET /teams/{teamId}/unavailable-codes`: `outstate…` names (lower-case s), `isAcw`. */
export const teamReasonListSchema = z.object({
  unavailableCodes: z.array(
    z.object({
      outstateId: wireId,
      outstateName: z.string(),
      isActive: optional(z.boolean()),
      isAcw: optional(z.boolean()),
      isACW: optional(z.boolean()),
    }),
  ),
});

/** `GET /unavailable-codes`: `id`, `name`, `isACW`. */
export const tenantReasonListSchema = z.object({
  unavailableCodes: z.array(
    z.object({
      id: wireId,
      name: z.string(),
      isActive: optional(z.boolean()),
      isACW: optional(z.boolean()),
      isAcw: optional(z.boolean()),
    }),
  ),
});

// --- sessions ---------------------------------------------------------------------------------------

/** `POST /agent-sessions` 202. */
export const sessionStartedSchema = z.object({ sessionId: wireId });

/** Answers of the POSTs that return nothing of interest (202 with or without a body). */
export const anyBody = z.unknown();

/**
 * CXone answers an empty list with 204 and no body on several list endpoints. Such a body (undefined, null
 * or empty text) is read as `empty`, so the envelope still validates and a malformed body still names
 * its field.
 */
export function orEmpty<T extends z.ZodType>(schema: T, empty: z.input<T>) {
  return z.preprocess((body) => (body === undefined || body === null || body === '' ? empty : body), schema);
}
