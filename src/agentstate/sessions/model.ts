/**
 * The session model: one state per agent, as a real NICE CXone tenant reports it (CXONE-INCONTACT.md).
 * An agent has a *presence* (a session or none), a *state* inside that session (available, unavailable
 * with a reason, working on a contact, or logged in with no state yet) and skills it is *assigned*.
 *
 * These are the types the use cases see; the incontact adapter translates its wire shapes into them.
 * Ids are opaque strings here (integers on the wire in incontact), validated by the adapter.
 */

/** The platform's agent states, by the names CXone uses (`agentStateName`). */
export const AGENT_STATE_NAMES = [
  'LoggedOut',
  'Available',
  'Unavailable',
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
  'LoggedIn',
] as const;
export type AgentStateName = (typeof AGENT_STATE_NAMES)[number];

/** What the state means for a supervisor. */
export type StateKind = 'logged_out' | 'logged_in_no_state' | 'available' | 'unavailable' | 'working';

export function stateKindOf(name: AgentStateName): StateKind {
  switch (name) {
    case 'LoggedOut':
      return 'logged_out';
    case 'LoggedIn':
      return 'logged_in_no_state';
    case 'Available':
      return 'available';
    case 'Unavailable':
      return 'unavailable';
    default:
      return 'working';
  }
}

export interface SessionAgent {
  /** The integer agent id, as a string. */
  id: string;
  /** The user's UUID, when CXone sent it. */
  userId?: string;
  firstName: string;
  lastName: string;
  email: string;
  userName: string;
  isActive: boolean;
  teamId?: string;
  teamName?: string;
  isSupervisor?: boolean;
  /** ISO time of the agent's last login, when CXone sent it. */
  lastLogin?: string;
}

/** An unavailable code ("reason"): `outStateId` and its name. */
export interface Reason {
  id: string;
  name: string;
  isActive: boolean;
  /** After-call work codes can only be set while the agent has a contact. */
  isAcw: boolean;
}

/** An agent's current state, one per agent. */
export interface AgentStatus {
  agentId: string;
  state: AgentStateName;
  kind: StateKind;
  /** When the agent entered this state. */
  since: Date;
  /** The unavailable reason, when `kind === 'unavailable'`. */
  reason?: { id?: string; name: string };
  /** The contact and its skill while working. */
  contactId?: string;
  skill?: { id: string; name: string };
  station?: { id?: string; phone?: string };
  team?: { id: string; name: string };
  isAcw?: boolean;
  /** From the bulk read, which carries the names too. */
  agentName?: { firstName: string; lastName: string; userName?: string };
  isActive?: boolean;
}

export interface AgentSkill {
  id: string;
  name: string;
  /** The assignment is active and so is the skill. */
  isActive: boolean;
  proficiency?: number;
}

export interface SkillInfo {
  id: string;
  name: string;
  isActive: boolean;
  mediaType?: string;
}

/** One entry of an agent's state history (today's timeline). */
export interface StateHistoryEntry {
  start: Date;
  state: AgentStateName | string;
  reason?: string;
  /** Seconds in that state, when CXone sent it. */
  durationSeconds?: number;
  sessionId?: string;
  stationId?: string;
  stationName?: string;
}

export interface StatesSince {
  states: AgentStatus[];
  /** Pass as the next `updatedSince`. */
  lastPollTime: string;
  /** CXone said "nothing changed" (200-empty, 204 or 304). */
  unchanged: boolean;
}

export interface AgentSearchPage {
  agents: SessionAgent[];
  total: number;
  /** Agents the API user may not see, when the list says so (`hiddenAgents`). */
  hidden?: number;
}

/** Where a new session is started: the agent's station id or a phone number. */
export type StationRef = { stationId: string } | { phone: string };

/** What discovery found, for `doctor` and the logs. Never holds a secret. */
export interface ConnectionInfo {
  authUrl: string;
  tokenEndpoint: string;
  tenantId: string;
  apiEndpoint: string;
  apiVersion: string;
  /** How the client credentials were sent to the token endpoint. */
  clientAuth: 'basic' | 'body';
}
