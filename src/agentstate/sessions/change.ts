import { type CxoneError, SessionInProgressError, UnavailableError } from '../../cxone/errors';
import type { ChangeRecord } from '../guarded-change';
import { displayName } from '../model';
import { MAX_POLL_DELAY_MS } from '../poll-states';
import { startOfDay } from './history';
import type { AgentStatus, SessionAgent, StationRef } from './model';
import { matchReason, reasonChoices } from './reasons';
import type {
  ChangeKind,
  ChangeOptions,
  ChangeOutcome,
  LoginOptions,
  LogoutOptions,
  RefusalReason,
  SessionDeps,
} from './types';
import { waitForState } from './verify';

/**
 * The supervisor's changes in the session model, each the same story: read the agent's one state, refuse
 * up front what cannot work (nothing is sent), send the change, and poll until the state shows it or the
 * window closes — then say honestly whether it happened.
 */

export async function makeAvailable(
  deps: SessionDeps,
  agent: SessionAgent,
  opts: ChangeOptions = {},
): Promise<ChangeOutcome> {
  opts.onProgress?.({ type: 'checking' });
  const status = await deps.cxone.getAgentState(agent.id);
  return carryOut(deps, agent, planAvailable(deps, agent, status, 'available'), opts);
}

/** `reason`: a name (any case) or id of one of the agent's team's codes; unknown → InvalidReasonError. */
export async function makeUnavailable(
  deps: SessionDeps,
  agent: SessionAgent,
  reason: string | undefined,
  opts: ChangeOptions = {},
): Promise<ChangeOutcome> {
  opts.onProgress?.({ type: 'checking' });
  // The reason is checked before the state, so a typo is refused whatever the agent is doing.
  const chosen = reason === undefined ? undefined : matchReason(reason, await reasonChoices(deps, agent));
  const status = await deps.cxone.getAgentState(agent.id);
  const blocked = refuseUnlessInSession(agent, status, 'unavailable');
  if (blocked) return blocked;
  const hasReason = (s: AgentStatus) => chosen === undefined || sameReason(s.reason, chosen.id, chosen.name);
  if (status.kind === 'unavailable' && hasReason(status))
    return { kind: 'already', change: 'unavailable', agent, status };
  return carryOut(
    deps,
    agent,
    {
      kind: 'plan',
      change: 'unavailable',
      agent,
      status,
      steps: [
        {
          send: () => deps.cxone.setAgentState(agent.id, { state: 'Unavailable', reasonId: chosen?.id }),
          until: (s) => s.kind === 'unavailable' && hasReason(s),
          phase: chosen ? `setting unavailable (${chosen.name})` : 'setting unavailable',
        },
      ],
    },
    opts,
  );
}

/** Force logout. On a contact it is refused unless `force`: ending the session drops the contact. */
export async function forceLogout(
  deps: SessionDeps,
  agent: SessionAgent,
  opts: LogoutOptions = {},
): Promise<ChangeOutcome> {
  opts.onProgress?.({ type: 'checking' });
  const status = await deps.cxone.getAgentState(agent.id);
  if (status.kind === 'logged_out') return { kind: 'already', change: 'logout', agent, status };
  if (status.kind === 'working' && !opts.force) return refusal(agent, status, 'logout', 'on_contact');
  return carryOut(
    deps,
    agent,
    {
      kind: 'plan',
      change: 'logout',
      agent,
      status,
      steps: [
        {
          send: () => deps.cxone.forceLogout(agent.id),
          until: (s) => s.kind === 'logged_out',
          phase: 'logging out',
        },
      ],
    },
    opts,
  );
}

/**
 * "Log in" in the session model: a logged-in agent is made available; a logged-out one gets a session
 * started as the agent (impersonation), then is made available. Without impersonation nothing is sent:
 * only the agent can start a session.
 */
export async function login(
  deps: SessionDeps,
  agent: SessionAgent,
  opts: LoginOptions = {},
): Promise<ChangeOutcome> {
  opts.onProgress?.({ type: 'checking' });
  const status = await deps.cxone.getAgentState(agent.id);
  return carryOut(deps, agent, await planLogin(deps, agent, status, opts.station), opts);
}

/**
 * A change of several steps (a new session, then Available) waits for each in turn, and the lags add: each
 * wait is seen at most one pause late, and each step adds its own round trips. A pause of at most 100 ms per
 * step keeps the whole change within about 300 ms of what CXone shows, as a one-step change is.
 */
export const MULTI_STEP_MAX_POLL_DELAY_MS = 100;

/** One step of a change: what to send, and when the agent's state shows it. */
export interface Step {
  send: () => Promise<unknown>;
  until: (s: AgentStatus) => boolean;
  /** Names the step on progress lines ("starting the session", "making available"). */
  phase: string;
  /** Errors meaning the step is already in place (e.g. a session someone else just started). */
  landed?: (err: unknown) => boolean;
}

/** What a change will do for one agent, decided from its current state: the steps, or why nothing is sent. */
export type Plan =
  | { kind: 'plan'; change: ChangeKind; agent: SessionAgent; status: AgentStatus; steps: Step[] }
  | Extract<ChangeOutcome, { kind: 'already' | 'refused' }>;

const availableStep = (deps: SessionDeps, agent: SessionAgent): Step => ({
  send: () => deps.cxone.setAgentState(agent.id, { state: 'Available' }),
  until: (s) => s.kind === 'available',
  phase: 'making available',
});

/** Make available: only inside a session and not on a contact. */
export function planAvailable(
  deps: SessionDeps,
  agent: SessionAgent,
  status: AgentStatus,
  change: ChangeKind,
): Plan {
  const blocked = refuseUnlessInSession(agent, status, change);
  if (blocked) return blocked as Plan;
  if (status.kind === 'available') return { kind: 'already', change, agent, status };
  return { kind: 'plan', change, agent, status, steps: [availableStep(deps, agent)] };
}

/** Log in: make available, starting a session as the agent first when it has none and impersonation is on. */
export async function planLogin(
  deps: SessionDeps,
  agent: SessionAgent,
  status: AgentStatus,
  station?: StationRef,
): Promise<Plan> {
  if (!agent.isActive) return refusal(agent, status, 'login', 'inactive') as Plan;
  if (status.kind === 'available' || status.kind === 'working')
    return { kind: 'already', change: 'login', agent, status };
  if (status.kind !== 'logged_out') return planAvailable(deps, agent, status, 'login');
  if (!deps.impersonation) return refusal(agent, status, 'login', 'needs_agent') as Plan;
  const at = station ?? (await lastStation(deps, agent, status));
  if (!at) return refusal(agent, status, 'login', 'no_station') as Plan;
  const session: Step = {
    send: () => deps.cxone.startSessionAs(agent.id, at),
    // A new session starts LoggedIn or Unavailable; then it is made available within the same window.
    until: (s) => s.kind !== 'logged_out',
    phase: 'starting the session',
    // Someone (the agent, another supervisor) started a session meanwhile: that is what we wanted.
    landed: isSessionInProgress,
  };
  return { kind: 'plan', change: 'login', agent, status, steps: [session, availableStep(deps, agent)] };
}

/**
 * Runs a plan for one agent: each step is sent only if the state does not show it yet, then verified by
 * polling; one window (from the first send) covers every step.
 */
async function carryOut(
  deps: SessionDeps,
  agent: SessionAgent,
  plan: Plan,
  opts: ChangeOptions,
): Promise<ChangeOutcome> {
  if (plan.kind !== 'plan') return plan;
  const timeoutMs = opts.timeoutMs ?? deps.verifyTimeoutMs;
  const startedAt = deps.clock.now();
  let current = plan.status;
  let polls = 0;
  for (const step of plan.steps) {
    if (step.until(current)) continue;
    opts.signal?.throwIfAborted();
    opts.onProgress?.(
      step.phase === 'starting the session'
        ? { type: 'starting_session' }
        : { type: 'posting', change: plan.change },
    );
    const uncertain = await sendTolerating(step.send, step.landed ? [step.landed] : []);
    const seen = await waitForState(deps, {
      agentId: agent.id,
      startedAt,
      timeoutMs,
      until: step.until,
      phase: step.phase,
      onProgress: opts.onProgress,
      signal: opts.signal,
      maxDelayMs: plan.steps.length > 1 ? MULTI_STEP_MAX_POLL_DELAY_MS : MAX_POLL_DELAY_MS,
    });
    polls += seen.polls;
    if (!seen.seen)
      return notApplied(
        deps,
        agent,
        plan.change,
        startedAt,
        polls,
        seen.last ?? current,
        uncertain,
        timeoutMs,
      );
    current = seen.last as AgentStatus;
  }
  return verified(deps, agent, plan.change, current, startedAt, polls);
}

/**
 * Sends a change. A failure that leaves its fate unknown (5xx, timeout, network) is returned, not thrown:
 * the state is read before anything else is decided, and nothing is ever sent twice. Errors matching
 * `landed` mean the change is already in place; any other failure is thrown.
 */
export async function sendTolerating(
  send: () => Promise<unknown>,
  landed: Array<(err: unknown) => boolean>,
): Promise<CxoneError | undefined> {
  try {
    await send();
    return undefined;
  } catch (err) {
    if (err instanceof UnavailableError) return err;
    if (landed.some((test) => test(err))) return undefined;
    throw err;
  }
}

export function verified(
  deps: SessionDeps,
  agent: SessionAgent,
  change: ChangeKind,
  status: AgentStatus,
  startedAt: number,
  polls: number,
): ChangeOutcome {
  const verifyMs = deps.clock.now() - startedAt;
  deps.logger?.info({ agentId: agent.id, change, verifyMs }, 'change verified');
  return { kind: 'verified', change, agent, status, verifyMs, polls };
}

export async function notApplied(
  deps: SessionDeps,
  agent: SessionAgent,
  change: ChangeKind,
  startedAt: number,
  polls: number,
  /** The last state read (before the change, when every poll failed): no read past the window. */
  status: AgentStatus,
  uncertain: CxoneError | undefined,
  timeoutMs: number,
): Promise<ChangeOutcome> {
  const verifyMs = deps.clock.now() - startedAt;
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  const explanation = uncertain
    ? `CXone did not confirm the request (${uncertain.message}), and after ${seconds} ${displayName(agent)} still shows ${describeState(status)}. Nothing was sent twice; try again when CXone answers.`
    : `CXone accepted the request, but after ${seconds} ${displayName(agent)} still shows ${describeState(status)}. It may still be on its way: check again in a moment.`;
  deps.logger?.warn({ agentId: agent.id, change, verifyMs }, 'change not visible');
  return { kind: 'not_applied', change, agent, status, verifyMs, polls, explanation };
}

function refuseUnlessInSession(
  agent: SessionAgent,
  status: AgentStatus,
  change: ChangeKind,
): ChangeOutcome | undefined {
  if (!agent.isActive) return refusal(agent, status, change, 'inactive');
  if (status.kind === 'logged_out') return refusal(agent, status, change, 'logged_out');
  if (status.kind === 'working') return refusal(agent, status, change, 'on_contact');
  return undefined;
}

function refusal(
  agent: SessionAgent,
  status: AgentStatus,
  change: ChangeKind,
  reason: RefusalReason,
): ChangeOutcome {
  const name = displayName(agent);
  const texts: Record<RefusalReason, [string, string]> = {
    logged_out: [
      `${name} is logged out; a state can only be set inside a session.`,
      `Log ${name} in first (or ask them to log in).`,
    ],
    on_contact:
      change === 'logout'
        ? [
            `${name} is on a contact; logging them out ends the session and drops that contact.`,
            'Confirm the forced logout if dropping the contact is intended, or wait until the contact ends.',
          ]
        : [
            `${name} is on a contact; CXone sets their state when the contact ends.`,
            'Wait until the contact ends, then set the state.',
          ],
    inactive: [
      `${name} is deactivated in CXone.`,
      'An administrator can reactivate the user in CXone (Admin > Users) first.',
    ],
    needs_agent: [
      `${name} is logged out, and only the agent can start a CXone session.`,
      `Ask ${name} to log in to their agent application; an administrator can allow the app to start sessions for agents (impersonation).`,
    ],
    no_station: [
      `No station or phone is known for ${name}, so a session cannot be started for them.`,
      'Name the station or phone number to log in at.',
    ],
  };
  const [message, fix] = texts[reason];
  return { kind: 'refused', change, agent, status, reason, message, fix };
}

/**
 * The station a new session goes to when none is named: the one on the agent's state record if CXone keeps
 * it there, else the one of the latest entry in today's state history that names a station id. Both are
 * assumptions (see README: unconfirmed): CXONE-INCONTACT.md lists `stationName` for the history, not its id.
 */
async function lastStation(
  deps: SessionDeps,
  agent: SessionAgent,
  status: AgentStatus,
): Promise<StationRef | undefined> {
  if (status.station?.id) return { stationId: status.station.id };
  if (status.station?.phone) return { phone: status.station.phone };
  const now = new Date(deps.clock.now());
  const history = await deps.cxone.getStateHistory(agent.id, { start: startOfDay(now), end: now });
  const last = [...history].sort((a, b) => b.start.getTime() - a.start.getTime()).find((e) => e.stationId);
  return last?.stationId ? { stationId: last.stationId } : undefined;
}

function sameReason(reason: AgentStatus['reason'], id: string, name: string): boolean {
  if (!reason) return false;
  if (reason.id !== undefined && reason.id === id) return true;
  return reason.name.trim().toLowerCase() === name.trim().toLowerCase();
}

/** "Unavailable (Lunch)", "logged out", "Available" — for explanations. */
export function describeState(status: AgentStatus): string {
  if (status.kind === 'logged_out') return 'logged out';
  if (status.kind === 'logged_in_no_state') return 'logged in with no state';
  if (status.kind === 'unavailable')
    return status.reason ? `Unavailable (${status.reason.name})` : 'Unavailable';
  if (status.kind === 'working') return 'on a contact';
  return 'Available';
}

/**
 * "A session is already in progress": 409 or 400 with SessionInProgress, depending on the cluster
 * (CXONE-INCONTACT.md); the adapter maps both to one error class.
 */
function isSessionInProgress(err: unknown): boolean {
  return err instanceof SessionInProgressError;
}

/** What the audit log keeps of a change: the outcome, the reason set, how long verification took, and why not. */
export function auditRecordOf(r: ChangeOutcome): ChangeRecord {
  return {
    outcome: r.kind,
    target: r.status.reason?.name,
    verifyMs: 'verifyMs' in r ? r.verifyMs : undefined,
    detail: r.kind === 'refused' ? r.message : r.kind === 'not_applied' ? r.explanation : undefined,
  };
}
