/**
 * Shapes of the incontact dialect's tenant (CXONE-INCONTACT.md). Internal records use the simulator's own
 * names; `wire.ts` turns them into the field names the real API uses.
 */

/** `agentStateName` → `agentStateId`, as CXone numbers them. */
export const AGENT_STATE_IDS = {
  LoggedOut: 0,
  Available: 1,
  Unavailable: 2,
  InboundContact: 3,
  OutboundContact: 4,
  InboundConsult: 5,
  OutboundConsult: 6,
  Dialer: 7,
  LoggedIn: 8,
} as const;
export type AgentStateName = keyof typeof AGENT_STATE_IDS;
export const AGENT_STATE_NAMES = Object.keys(AGENT_STATE_IDS) as AgentStateName[];

export interface IcTeam {
  teamId: number;
  teamName: string;
  /** The unavailable codes the team's agents may use, in display order. */
  codeIds: readonly number[];
}

export interface IcUnavailableCode {
  id: number;
  name: string;
  isActive: boolean;
  /** After-call work: set by the platform after a contact, never by a state change through the API. */
  isAcw: boolean;
}

export interface IcSkill {
  skillId: number;
  skillName: string;
  mediaTypeId: number;
  mediaTypeName: string;
  isActive: boolean;
  isOutbound: boolean;
}

export interface IcStation {
  stationId: number;
  stationName: string;
  phoneNumber: string;
}

export interface IcSkillAssignment {
  skillId: number;
  /** 1 (best) to 20, like CXone's proficiency scale. */
  proficiency: number;
  isActive: boolean;
}

export interface IcAgent {
  agentId: number;
  /** The user's UUID (`userID` on the wire). */
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  userName: string;
  isActive: boolean;
  teamId: number;
  isSupervisor: boolean;
  /** False ⇒ the API users' security profile cannot see this agent: 404 alone, counted in `hiddenAgents`. */
  visible: boolean;
  /** The station the agent last logged in on; "the agent logs in" uses it. */
  stationId: number;
  skills: readonly IcSkillAssignment[];
  /** Epoch ms of the latest session start, if any. */
  lastLogin?: number;
}

/** One state of one agent from `at` (epoch ms, when it becomes visible) until the next entry. */
export interface StateEntry {
  at: number;
  state: AgentStateName;
  /** The unavailable code, for Unavailable with a reason. */
  outStateId?: number;
  contact?: { contactId: number; skillId: number };
  /** The session this state belongs to; absent for LoggedOut before any session. */
  agentSessionId?: number;
  stationId?: number;
}

/** What CXone calls a permission of the access key's role. */
export type Permission = 'Agents: View' | 'Agents: Edit' | 'Agents: Impersonate';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A registered application: the client id/secret sent with every token request. */
export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  authMethods: readonly ClientAuthMethod[];
  purpose: string;
}

/** An API user's access key: the password grant's username/password. */
export interface SeededAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** The API user's own agent (a session without `asAgentId` is this agent's). */
  agentId: number;
  permissions: readonly Permission[];
  purpose: string;
}

/** Status of `GET /agents/states?updatedSince=` when nothing changed (CXONE-INCONTACT.md: unconfirmed). */
export type NoChangeStatus = 200 | 204 | 304;
/** Status of `POST /agent-sessions` for an agent already in a session (both seen). */
export type SessionInProgressStatus = 409 | 400;

/** Settings that can change while running (`POST /__sim/config`, `POST /__sim/reset`). */
export interface IncontactRuntimeConfig {
  /** How long a state change takes to show in reads. */
  propagationDelayMs: number;
  /** `expires_in` of access tokens. */
  tokenTtlSeconds: number;
  /** Added before answering every request outside /__sim/. */
  latencyMs: number;
  noChangeStatus: NoChangeStatus;
  sessionInProgressStatus: SessionInProgressStatus;
}

export interface IncontactTenantConfig {
  seed: number;
  /** Agents in the tenant, including the fixed demo agents and API users (at least that many). */
  agentCount: number;
}

export type IncontactSettings = IncontactRuntimeConfig & IncontactTenantConfig;

export interface IncontactSimulatorOptions extends Partial<IncontactSettings> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}
