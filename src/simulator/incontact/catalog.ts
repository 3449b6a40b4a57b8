import type { IcAgent, IcSkill, IcStation, IcTeam, IcUnavailableCode, StateEntry } from './types';

/** Everything about the tenant that does not change while running (agents' `lastLogin` aside). */
export interface Catalog {
  tenantId: string;
  teams: readonly IcTeam[];
  teamById: ReadonlyMap<number, IcTeam>;
  codes: readonly IcUnavailableCode[];
  codeById: ReadonlyMap<number, IcUnavailableCode>;
  skills: readonly IcSkill[];
  skillById: ReadonlyMap<number, IcSkill>;
  agents: readonly IcAgent[];
  agentById: ReadonlyMap<number, IcAgent>;
  agentByUserId: ReadonlyMap<string, IcAgent>;
  stations: readonly IcStation[];
  stationById: ReadonlyMap<number, IcStation>;
  /** Keyed by digits only, so "+1 (801) 555-0101" finds "18015550101". */
  stationByPhone: ReadonlyMap<string, IcStation>;
}

/** A login of one agent on one station, from the session start until it ends. */
export interface Session {
  /** What `POST /agent-sessions` answers and the session routes take. */
  sessionId: string;
  /** The integer the state history carries as `agentSessionId`. */
  agentSessionId: number;
  agentId: number;
  stationId: number;
  /** The access key id that started it, or AGENT_SELF for the agent's own login (seed, sandbox). */
  owner: string;
  startedAt: number;
  /** Set when the end is accepted (the LoggedOut state may still be propagating). */
  endedAt?: number;
}

export const AGENT_SELF = 'agent';

/** The tenant as seeded: catalog, each agent's states so far, and the sessions still open. */
export interface SeededTenant {
  catalog: Catalog;
  timelines: Map<number, StateEntry[]>;
  sessions: Session[];
  nextAgentSessionId: number;
  nextContactId: number;
}

export const digitsOf = (phone: string) => phone.replace(/\D/g, '');
