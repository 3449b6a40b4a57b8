import { NotFoundError } from '../cxone/errors';
import { bestEffort, sameId, sameName, type UseCaseDeps } from './deps';
import { seconds } from './login-explain';
import type { Agent, AgentState } from './model';
import { pollStates } from './poll-states';
import type { LogoutOutcome, OperationOptions, ResolvedState } from './types';

/**
 * The tutorial's fix for a 409 when switching skills: DELETE the agent's state in the old skill. Like a
 * login, a logout takes a while to show, so it is verified by polling until the states are gone.
 * `skill` is an id or a name; without it, every state the agent has is logged out.
 */
export async function logout(
  deps: UseCaseDeps,
  agent: Agent,
  skill?: string,
  opts: OperationOptions = {},
): Promise<LogoutOutcome> {
  opts.signal?.throwIfAborted();
  const current = await deps.catalog.resolve(await deps.cxone.getAgentStates(agent.id));
  const leaving = current.filter((s) => skill === undefined || inSkill(s, skill));
  if (leaving.length === 0) {
    const skillName = skill === undefined ? undefined : await skillLabel(deps, skill);
    return { kind: 'not_logged_in', agent, ...(skillName ? { skillName } : {}) };
  }

  const startedAt = deps.clock.now();
  for (const s of leaving) await deleteState(deps, agent, s);

  const timeoutMs = opts.timeoutMs ?? deps.verifyTimeoutMs;
  const gone = await pollStates(deps, {
    agentId: agent.id,
    startedAt,
    timeoutMs,
    until: (states) => (states.some((s) => leaving.some((l) => isSame(l, s))) ? undefined : true),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const verifyMs = deps.clock.now() - startedAt;
  if (gone.value) return { kind: 'logged_out', agent, removed: leaving, verifyMs };
  const names = leaving.map((s) => s.skillName).join(', ');
  return {
    kind: 'not_confirmed',
    agent,
    removed: leaving,
    verifyMs,
    explanation:
      `CXone accepted the logout from ${names} but the agent still showed there after ${seconds(timeoutMs)} s; ` +
      'the change may still be propagating — refresh in a moment.',
  };
}

function isSame(left: ResolvedState, state: AgentState): boolean {
  return sameId(left.state.skillId, state.skillId) && sameId(left.state.stateId, state.stateId);
}

/** The skill's name for "not logged in to Sales", when the input was an id the catalog knows. */
async function skillLabel(deps: UseCaseDeps, skill: string): Promise<string> {
  const skills = await bestEffort(() => deps.catalog.skills(), []);
  return skills.find((s) => sameId(s.id, skill))?.name ?? skill;
}

function inSkill(state: ResolvedState, skill: string): boolean {
  return sameId(state.state.skillId, skill) || sameName(state.skillName, skill);
}

async function deleteState(deps: UseCaseDeps, agent: Agent, state: ResolvedState): Promise<void> {
  try {
    await deps.cxone.logoutAgent(agent.id, state.state.stateId);
  } catch (err) {
    // 404 on DELETE: the state is already gone, which is what we wanted.
    if (!(err instanceof NotFoundError)) throw err;
  }
}
