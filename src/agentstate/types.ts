import type { ConflictError } from '../cxone/errors';
import type { BulkProgress, BulkResult } from './floor/bulk';
import type { BulkFix, Floor, FloorSummary } from './floor/model';
import type { DroppedFromSkill } from './floor/skill-floor';
import type { ChangeRecorder } from './guarded-change';
import type { Activity, Agent, AgentState, Skill, StateDefinition } from './model';

/**
 * The results the use cases hand to the surfaces (Slack, CLI, sandbox). Expected outcomes — an ambiguous
 * name, an empty state list, a 409 conflict, a login that never shows up — are values here; CXone failures
 * (401, 403, 429, 5xx, invalid response) are thrown as `CxoneError` subclasses carrying their remediation.
 */

/** Raw user input naming an agent: a UUID, an email, a user name or a name fragment. */
export type AgentRef = string;

export type Resolution =
  | { kind: 'found'; agent: Agent }
  | { kind: 'ambiguous'; query: string; candidates: Agent[]; total: number }
  | { kind: 'not_found'; query: string };

/** An agent state with the names a human needs. Names fall back to the id when the catalog lacks it. */
export interface ResolvedState {
  state: AgentState;
  skillName: string;
  stateName: string;
  activityName: string;
  /** `state.loginTime`, parsed. */
  since: Date;
}

export type ReportResult =
  | Exclude<Resolution, { kind: 'found' }>
  | {
      kind: 'report';
      agent: Agent;
      states: ResolvedState[];
      checkedAt: Date;
      /** Present exactly when `states` is empty: why, and whether a login can fix it. */
      diagnosis?: Diagnosis;
    };

export type CheckId =
  | 'token'
  | 'scopes'
  | 'agent_exists'
  | 'agent_active'
  | 'states_present'
  | 'skills_available'
  | 'login_target_valid';

export interface Check {
  id: CheckId;
  label: string;
  outcome: 'pass' | 'fail' | 'warn' | 'skipped';
  detail: string;
}

export type Verdict =
  | 'logged_in'
  | 'not_logged_in'
  | 'agent_not_found'
  | 'ambiguous_agent'
  | 'agent_inactive'
  | 'auth_failed'
  | 'missing_scope'
  | 'no_skills'
  | 'invalid_target'
  | 'cxone_unavailable'
  | 'rate_limited'
  | 'invalid_response';

export interface Diagnosis {
  ref: AgentRef;
  agent?: Agent;
  /** When the reference matched several agents. */
  candidates?: Agent[];
  /** The tutorial's checks, in order; later checks are `skipped` after a failure that makes them moot. */
  checks: Check[];
  verdict: Verdict;
  /** One or two lines: why the list is empty (or that it is not). */
  summary: string;
  /** The recommended fix. */
  fix: string;
  /** True when a "Log agent in" action would help (verdict `not_logged_in` with a usable target). */
  canLogin: boolean;
  /** The default login target, when one could be resolved. */
  target?: LoginTarget;
  states: ResolvedState[];
}

/** How the login target was chosen, so the surface can say so ("the only active skill"). */
export type TargetChoice =
  | 'explicit'
  | 'configured_default'
  | 'only_active_skill'
  | 'first_active_skill'
  | 'last_skill';

export interface LoginTarget {
  skill: Skill;
  /** That skill's state definition to post (normally its "Logged In" state). */
  state: StateDefinition;
  activity: Activity;
  chosenBy: TargetChoice;
  /** True when a human should confirm the skill (no default and several active skills). */
  ambiguous: boolean;
  /** A sentence for humans when the target was not explicit, e.g. "first of 8 active skills". */
  note?: string;
}

/** What a caller may pin down; anything left out falls back to the defaults. */
export interface TargetInput {
  /** Skill id or exact (case-insensitive) name. */
  skill?: string;
  /** State definition id of that skill; default is the skill's "Logged In" state. */
  stateId?: string;
  /** Activity id or name; default is CXONE_DEFAULT_ACTIVITY. */
  activity?: string;
}

export type LoginProgress =
  | { type: 'checking' }
  | { type: 'logging_out'; skillName: string }
  | { type: 'posting'; target: LoginTarget }
  | { type: 'posted'; elapsedMs: number }
  | { type: 'polling'; attempt: number; elapsedMs: number; timeoutMs: number }
  | { type: 'verified'; elapsedMs: number };

export interface OperationOptions {
  onProgress?: (event: LoginProgress) => void;
  signal?: AbortSignal;
  /** Overrides VERIFY_TIMEOUT_MS for this call. */
  timeoutMs?: number;
}

export type LoginOutcome =
  | {
      kind: 'verified';
      agent: Agent;
      target: LoginTarget;
      state: ResolvedState;
      /** From the POST being sent to the state being seen in GET .../states. */
      verifyMs: number;
      polls: number;
    }
  | { kind: 'already_logged_in'; agent: Agent; target: LoginTarget; state: ResolvedState }
  | {
      kind: 'conflict';
      agent: Agent;
      target: LoginTarget;
      /** The skill the agent is in that blocks this login, when it could be determined. */
      conflictingSkill?: Skill;
      conflictingState?: ResolvedState;
      error: ConflictError;
    }
  | {
      kind: 'not_visible';
      agent: Agent;
      target: LoginTarget;
      verifyMs: number;
      polls: number;
      /** Why it never appeared, in a sentence or two. */
      explanation: string;
      /** The skill's state definitions and the tenant's activities, to pick a valid pair. */
      validStates: StateDefinition[];
      validActivities: Activity[];
    };

export type LogoutOutcome =
  | { kind: 'logged_out'; agent: Agent; removed: ResolvedState[]; verifyMs: number }
  | { kind: 'not_logged_in'; agent: Agent; skillName?: string }
  | { kind: 'not_confirmed'; agent: Agent; removed: ResolvedState[]; verifyMs: number; explanation: string };

/** Raised before any POST when a requested skill, state or activity does not exist. */
export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';
  constructor(
    readonly field: 'skill' | 'state' | 'activity',
    readonly value: string,
    /** The valid choices, to show the user. */
    readonly options: Array<{ id: string; name: string }>,
    message: string,
  ) {
    super(message);
  }
}

export interface AgentStateService {
  resolveAgent(ref: AgentRef): Promise<Resolution>;
  report(ref: AgentRef): Promise<ReportResult>;
  diagnose(ref: AgentRef): Promise<Diagnosis>;
  resolveTarget(agent: Agent, input?: TargetInput): Promise<LoginTarget>;
  loginAndVerify(
    agent: Agent,
    target?: TargetInput | LoginTarget,
    opts?: OperationOptions,
  ): Promise<LoginOutcome>;
  /** Without `skill`, logs the agent out of every state it has. */
  logout(agent: Agent, skill?: string, opts?: OperationOptions): Promise<LogoutOutcome>;
  /** Logs out of `fromSkillId`, then logs in to the target and verifies. */
  switchSkill(
    agent: Agent,
    fromSkillId: string,
    target?: TargetInput | LoginTarget,
    opts?: OperationOptions,
  ): Promise<LoginOutcome>;
  listSkills(): Promise<Skill[]>;
  listActivities(): Promise<Activity[]>;
  searchAgents(search: string | undefined, limit?: number): Promise<{ agents: Agent[]; total: number }>;
  /**
   * A skill's floor (the agents logged in to it, by activity, and — given the app's watch records — the
   * watched agents who dropped out of it), or a line per skill.
   */
  floor(skill?: string, dropped?: DroppedFromSkill): Promise<Floor | FloorSummary>;
  /** Logs the floor's dropped watched agents back in to the skill, each guarded, verified and audited. */
  logBackIn(
    fix: BulkFix,
    skillId: string,
    recorder: ChangeRecorder,
    opts?: { onProgress?: (p: BulkProgress) => void },
  ): Promise<BulkResult[]>;
}
