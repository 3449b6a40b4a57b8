import { InvalidInputError } from '../../cxone/errors';
import type { Logger } from '../../logger';
import type { Operation } from '../../store/port';
import type { AgentDirectory } from '../agent-directory';
import type { BulkProgress, BulkResult } from '../floor/bulk';
import type { BulkFix, Floor, FloorSummary } from '../floor/model';
import type { ChangeRecorder } from '../guarded-change';
import type { Clock } from '../ports';
import type { ResumeOutcome } from '../recovery';
import type { Roster } from '../roster';
import type { AwaitedLogin } from './await-login';
import type {
  AgentSkill,
  AgentStatus,
  Reason,
  SessionAgent,
  SkillInfo,
  StateHistoryEntry,
  StationRef,
} from './model';
import type { SessionCxonePort } from './port';

/**
 * What the session-model use cases hand to the surfaces. Expected outcomes (an ambiguous name, an agent
 * with no session, a change CXone accepted but did not apply) are values; CXone failures are thrown as
 * `CxoneError` subclasses carrying their remediation.
 */

/** The changes a dialect can make. Surfaces offer only what the connected one declares. */
export type Capability =
  /** v2: log an agent in to a skill, out of one, or from one skill to another. */
  | 'login_skill'
  | 'logout_skill'
  | 'switch_skill'
  /** incontact: set a logged-in agent Available, or Unavailable with a reason. */
  | 'make_available'
  | 'make_unavailable'
  /** incontact: end the agent's session (drops a live contact). */
  | 'force_logout'
  /** incontact with CXONE_IMPERSONATION=1: start a session as the agent. */
  | 'start_session';

/** What a supervisor can do for one agent right now, given its state and the dialect's capabilities. */
export type SessionAction = 'make_available' | 'make_unavailable' | 'force_logout' | 'log_in' | 'ask_agent';

export type SessionResolution =
  | { kind: 'found'; agent: SessionAgent }
  | { kind: 'ambiguous'; query: string; candidates: SessionAgent[]; total: number }
  /** `hidden`: agents the API user may not see, when the search said so (the agent may be one of them). */
  | { kind: 'not_found'; query: string; hidden?: number };

/** Why the agent is not taking contacts, and what fixes it. Absent when the agent is available or working. */
export interface Explanation {
  summary: string;
  fix: string;
}

export interface SessionReport {
  kind: 'report';
  agent: SessionAgent;
  status: AgentStatus;
  checkedAt: Date;
  explanation?: Explanation;
  actions: SessionAction[];
}

export type SessionReportResult = Exclude<SessionResolution, { kind: 'found' }> | SessionReport;

export type SessionCheckId =
  | 'connection'
  | 'token'
  | 'agent_exists'
  | 'agent_active'
  | 'agent_visible'
  | 'session'
  | 'state';

export interface SessionCheck {
  id: SessionCheckId;
  label: string;
  outcome: 'pass' | 'fail' | 'warn' | 'skipped';
  detail: string;
}

export type SessionVerdict =
  | 'taking_contacts'
  | 'working'
  | 'unavailable'
  | 'no_state'
  | 'logged_out'
  | 'agent_not_found'
  | 'ambiguous_agent'
  | 'agent_inactive'
  | 'not_visible'
  | 'auth_failed'
  | 'permission_denied'
  | 'discovery_failed'
  | 'cxone_unavailable'
  | 'rate_limited'
  | 'invalid_response';

export interface SessionDiagnosis {
  ref: string;
  agent?: SessionAgent;
  candidates?: SessionAgent[];
  checks: SessionCheck[];
  verdict: SessionVerdict;
  summary: string;
  fix: string;
  status?: AgentStatus;
  actions: SessionAction[];
}

/** One session in today's timeline: from its first state to LoggedOut (or still open). */
export interface SessionSpan {
  start: Date;
  end?: Date;
  stationName?: string;
}

export interface SessionHistory {
  agent: SessionAgent;
  status: AgentStatus;
  from: Date;
  to: Date;
  entries: StateHistoryEntry[];
  sessions: SessionSpan[];
  /** The end of the last session today, and where the agent was. */
  lastLogout?: { at: Date; stationName?: string };
  /** In a session now; logged out (after at least one session today); or no session at all today. */
  verdict: 'in_session' | 'logged_out' | 'no_session_today';
}

export type ChangeKind = 'available' | 'unavailable' | 'logout' | 'login';

export type ChangeProgress =
  | { type: 'checking' }
  | { type: 'starting_session' }
  | { type: 'posting'; change: ChangeKind }
  | { type: 'polling'; attempt: number; elapsedMs: number; timeoutMs: number; phase: string }
  | { type: 'verified'; elapsedMs: number };

export interface ChangeOptions {
  onProgress?: (event: ChangeProgress) => void;
  signal?: AbortSignal;
  /** Overrides VERIFY_TIMEOUT_MS for this call. */
  timeoutMs?: number;
}

export type RefusalReason =
  /** The agent has no session, and this change needs one. */
  | 'logged_out'
  /** The agent is on a contact; ending the session would drop it. */
  | 'on_contact'
  | 'inactive'
  /** Only the agent (or an impersonating API user) can start a session. */
  | 'needs_agent'
  /** Impersonation is on, but no station or phone is known for the agent. */
  | 'no_station';

export type ChangeOutcome =
  | {
      kind: 'verified';
      change: ChangeKind;
      agent: SessionAgent;
      status: AgentStatus;
      verifyMs: number;
      polls: number;
    }
  /** Nothing to do: the agent is already in the state asked for. */
  | { kind: 'already'; change: ChangeKind; agent: SessionAgent; status: AgentStatus }
  /** Nothing was sent: the change cannot work now. */
  | {
      kind: 'refused';
      change: ChangeKind;
      agent: SessionAgent;
      status: AgentStatus;
      reason: RefusalReason;
      message: string;
      fix: string;
    }
  /** CXone accepted (or may have accepted) the change, but the state never showed it within the window. */
  | {
      kind: 'not_applied';
      change: ChangeKind;
      agent: SessionAgent;
      status: AgentStatus;
      verifyMs: number;
      polls: number;
      explanation: string;
    };

export interface LoginOptions extends ChangeOptions {
  /** Where to start the session; default: the station the agent used last. */
  station?: StationRef;
}

export interface LogoutOptions extends ChangeOptions {
  /** Required when the agent is on a contact: ending the session drops it. */
  force?: boolean;
}

/** The reasons a supervisor may pick for this agent (its team's active, non after-call-work codes). */
export interface ReasonChoices {
  agent: SessionAgent;
  reasons: Reason[];
}

export interface SessionService {
  readonly capabilities: readonly Capability[];
  resolveAgent(ref: string): Promise<SessionResolution>;
  report(ref: string): Promise<SessionReportResult>;
  diagnose(ref: string): Promise<SessionDiagnosis>;
  history(agent: SessionAgent, now?: Date): Promise<SessionHistory>;
  reasons(agent: SessionAgent): Promise<ReasonChoices>;
  skills(agent: SessionAgent): Promise<AgentSkill[]>;
  listSkills(): Promise<SkillInfo[]>;
  makeAvailable(agent: SessionAgent, opts?: ChangeOptions): Promise<ChangeOutcome>;
  /** `reason`: a reason name (case-insensitive) or id; unknown → InvalidReasonError, nothing sent. */
  makeUnavailable(
    agent: SessionAgent,
    reason: string | undefined,
    opts?: ChangeOptions,
  ): Promise<ChangeOutcome>;
  logout(agent: SessionAgent, opts?: LogoutOptions): Promise<ChangeOutcome>;
  login(agent: SessionAgent, opts?: LoginOptions): Promise<ChangeOutcome>;
  searchAgents(
    search: string | undefined,
    limit?: number,
  ): Promise<{ agents: SessionAgent[]; total: number }>;
  /** After asking a logged-out agent to log in: wait until they are in and available, within the window. */
  awaitLogin(agent: SessionAgent, opts?: ChangeOptions): Promise<AwaitedLogin>;
  /** Finishes a change a dead process left unverified (re-reads only; nothing is sent again). */
  resume(op: Operation): Promise<ResumeOutcome>;
  /** A team's floor (every member's state, grouped, with the bulk fixes), or a line per team. */
  floor(team?: string): Promise<Floor | FloorSummary>;
  /**
   * Applies one of a floor's bulk fixes: each agent guarded, verified and audited through `recorder`.
   * Asking agents to log in is the Slack app's (a message to each); here it is refused.
   */
  fixFloor(
    fix: BulkFix,
    recorder: ChangeRecorder,
    opts?: { onProgress?: (p: BulkProgress) => void },
  ): Promise<BulkResult[]>;
}

export interface SessionDeps {
  cxone: SessionCxonePort;
  clock: Clock;
  logger?: Logger;
  verifyTimeoutMs: number;
  /** CXONE_IMPERSONATION=1. */
  impersonation: boolean;
  /** Every agent of the tenant, cached; built from `cxone` when not given. */
  roster?: Roster<SessionAgent>;
  /** Agents found by id lately (status cards); built when not given. */
  recent?: AgentDirectory<SessionAgent>;
}

/** Raised before anything is sent when the reason is not one of the agent's team's codes. */
export class InvalidReasonError extends InvalidInputError {
  constructor(
    readonly value: string,
    readonly options: Reason[],
  ) {
    super(
      `"${value}" is not an unavailable reason for this agent; choose one of: ${options.map((r) => r.name).join(', ') || '(none defined)'}`,
      'reason',
    );
  }
}
