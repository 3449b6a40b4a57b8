import type { TokenInfo } from '../model';
import type {
  AgentSearchPage,
  AgentSkill,
  AgentStatus,
  ConnectionInfo,
  Reason,
  SessionAgent,
  SkillInfo,
  StateHistoryEntry,
  StatesSince,
  StationRef,
} from './model';

/**
 * What the session-model use cases need from CXone (the `incontact` dialect). Implemented over HTTP by
 * `cxone/incontact/`; every method throws a `CxoneError` subclass on failure (see `cxone/errors.ts`),
 * with a remediation written for this dialect.
 */
export interface SessionCxonePort {
  /** Discovery + token: obtains (or reuses) a token. AuthError when the access key or client is wrong. */
  /** `retry: false` makes one attempt only (a readiness probe that must not multiply requests). */
  tokenInfo(opts?: { retry?: boolean }): Promise<TokenInfo>;
  /** What discovery found (runs it when not done yet). */
  connection(): Promise<ConnectionInfo>;
  /** `GET /agents?searchString=&skip=&top=`. */
  searchAgents(query: { search?: string; skip?: number; top?: number }): Promise<AgentSearchPage>;
  /** `GET /agents/{agentId}`; accepts the integer id or the user UUID. NotFoundError when unknown. */
  getAgent(agentId: string): Promise<SessionAgent>;
  /** `GET /agents/{agentId}/states`: the one current state (LoggedOut when no session). */
  getAgentState(agentId: string, opts?: { signal?: AbortSignal }): Promise<AgentStatus>;
  /**
   * `GET /agents/states[?updatedSince=]`, every page; "no change" (200-empty, 204, 304) → `unchanged`.
   * `agentIds`: only these agents' states are wanted (a team's floor); the others are skipped unread.
   */
  getAllAgentStates(updatedSince?: string, opts?: { agentIds?: ReadonlySet<string> }): Promise<StatesSince>;
  /** `GET /skills`. */
  listSkills(): Promise<SkillInfo[]>;
  /** `GET /agents/{agentId}/skills`: the skills assigned to the agent. */
  getAgentSkills(agentId: string): Promise<AgentSkill[]>;
  /** `GET /teams/{teamId}/unavailable-codes`. */
  listTeamReasons(teamId: string): Promise<Reason[]>;
  /** `GET /unavailable-codes`: the tenant's codes, when the agent has no team. */
  listReasons(): Promise<Reason[]>;
  /** `GET /agents/{agentId}/state-history?startDate=&endDate=`. */
  getStateHistory(agentId: string, range: { start: Date; end: Date }): Promise<StateHistoryEntry[]>;
  /** `POST /agents/{agentId}/state`: a supervisor sets a logged-in agent's state (Unavailable with the reason's
   * `outStateId`, or with none when `reasonId` is absent). Never retried blindly. */
  setAgentState(
    agentId: string,
    change: { state: 'Available' } | { state: 'Unavailable'; reasonId?: string },
  ): Promise<void>;
  /** `POST /agents/{agentId}/logout`: ends the agent's session (drops a live contact). Never retried. */
  forceLogout(agentId: string): Promise<void>;
  /** `POST /agent-sessions` with `asAgentId`: starts a session as the agent (impersonation). */
  startSessionAs(agentId: string, station: StationRef): Promise<{ sessionId: string }>;
}
