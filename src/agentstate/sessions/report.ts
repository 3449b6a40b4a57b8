import { displayName } from '../model';
import type { AgentStatus, SessionAgent } from './model';
import { parseSessionAgentRef, resolveSessionAgent } from './resolve';
import type { Capability, Explanation, SessionAction, SessionDeps, SessionReportResult } from './types';

/** What each action needs the dialect to support. `ask_agent` needs nothing from CXone. */
const ACTION_NEEDS: Record<SessionAction, Capability | undefined> = {
  make_available: 'make_available',
  make_unavailable: 'make_unavailable',
  force_logout: 'force_logout',
  log_in: 'start_session',
  ask_agent: undefined,
};

/**
 * What a supervisor can do for this agent now. A deactivated agent: nothing (reactivate in CXone first).
 * A logged-out one: log in as the agent when impersonation is on, otherwise ask the agent.
 */
export function actionsFor(
  agent: SessionAgent,
  status: AgentStatus,
  capabilities: readonly Capability[],
): SessionAction[] {
  if (!agent.isActive) return [];
  const can = (a: SessionAction) => {
    const need = ACTION_NEEDS[a];
    return need === undefined || capabilities.includes(need);
  };
  const byKind: Record<AgentStatus['kind'], SessionAction[]> = {
    logged_out: capabilities.includes('start_session') ? ['log_in'] : ['ask_agent'],
    logged_in_no_state: ['make_available', 'make_unavailable', 'force_logout'],
    unavailable: ['make_available', 'make_unavailable', 'force_logout'],
    available: ['make_unavailable', 'force_logout'],
    working: ['force_logout'],
  };
  return byKind[status.kind].filter(can);
}

/**
 * Why the agent is not taking contacts, in words for a supervisor, and what fixes it. None when the agent
 * is available or working. Times are left to the surfaces (they know the reader's time zone).
 */
export function explain(
  agent: SessionAgent,
  status: AgentStatus,
  capabilities: readonly Capability[],
): Explanation | undefined {
  const name = displayName(agent);
  if (!agent.isActive) return explainInactive(agent);
  switch (status.kind) {
    case 'logged_out':
      return {
        summary: `${name} is logged out: there is no CXone session, so they take no contacts.`,
        fix: capabilities.includes('start_session')
          ? `Log them in: a session is started as ${name} on the station they used last, then made available.`
          : `Only ${name} can start a session (in their agent application). Ask them to log in; an administrator can also allow the app to start sessions for agents (impersonation).`,
      };
    case 'logged_in_no_state':
      return {
        summary: `${name} is logged in but has no state yet, so they take no contacts.`,
        fix: 'Make them available.',
      };
    case 'unavailable':
      return {
        summary: `${name} is unavailable${status.reason ? ` (${status.reason.name})` : ''}, so they take no contacts.`,
        fix: 'Make them available when they should take contacts again.',
      };
    default:
      return undefined;
  }
}

export function explainInactive(agent: SessionAgent): Explanation {
  return {
    summary: `${displayName(agent)} is deactivated in CXone, so they cannot log in or take contacts.`,
    fix: 'An administrator can reactivate the user in CXone (Admin > Users); nothing else can bring them back.',
  };
}

/** The status card's content: the agent, its one state, why it is not taking contacts, what can be done. */
export async function sessionReport(
  deps: SessionDeps,
  capabilities: readonly Capability[],
  ref: string,
): Promise<SessionReportResult> {
  // An integer id names the agent's state directly: read it alongside the agent, so a status card costs
  // one round trip rather than two.
  const parsed = parseSessionAgentRef(ref);
  const directId = parsed.kind === 'id' && /^\d+$/.test(parsed.id) ? parsed.id : undefined;
  const early = directId === undefined ? undefined : deps.cxone.getAgentState(directId);
  early?.catch(() => {}); // an unknown id is answered by the resolution below; its 404 here is not an error
  const resolution = await resolveSessionAgent(deps.cxone, ref, deps.recent);
  if (resolution.kind !== 'found') return resolution;
  const { agent } = resolution;
  const status = await (early && agent.id === directId ? early : deps.cxone.getAgentState(agent.id));
  return {
    kind: 'report',
    agent,
    status,
    checkedAt: new Date(deps.clock.now()),
    explanation: explain(agent, status, capabilities),
    actions: actionsFor(agent, status, capabilities),
  };
}
