import type { ConflictError } from '../cxone/errors';
import { bestEffort, sameId, sameName, type UseCaseDeps } from './deps';
import { type Activity, type Agent, LOGGED_IN_STATE_NAME, type StateDefinition } from './model';
import type { LoginOutcome, LoginTarget } from './types';

/**
 * The 409 says the agent is in this skill or a conflicting one; re-read the states to say which. If the
 * agent turns out to be in the target skill (someone logged it in between our check and our POST), that
 * is simply "already logged in".
 */
export async function explainConflict(
  deps: UseCaseDeps,
  agent: Agent,
  target: LoginTarget,
  error: ConflictError,
): Promise<LoginOutcome> {
  const states = await deps.catalog.resolve(await bestEffort(() => deps.cxone.getAgentStates(agent.id), []));
  const inTarget = states.find((s) => sameId(s.state.skillId, target.skill.id));
  if (inTarget) return { kind: 'already_logged_in', agent, target, state: inTarget };

  // Without a skill id in the 409, a single current state is the blocker; among several we cannot tell.
  const skillId = error.conflictingSkillId ?? (states.length === 1 ? states[0]!.state.skillId : undefined);
  const conflictingState = skillId ? states.find((s) => sameId(s.state.skillId, skillId)) : undefined;
  const skills = await bestEffort(() => deps.catalog.skills(), []);
  const conflictingSkill = skillId ? skills.find((s) => sameId(s.id, skillId)) : undefined;
  return {
    kind: 'conflict',
    agent,
    target,
    error,
    ...(conflictingSkill ? { conflictingSkill } : {}),
    ...(conflictingState ? { conflictingState } : {}),
  };
}

export interface NotVisibleExplanation {
  explanation: string;
  validStates: StateDefinition[];
  validActivities: Activity[];
}

/**
 * CXone answered 201 but the state never showed up. The tutorial's causes, in its order: the stateId is
 * not the skill's "Logged In" state, or the activityId is not a real activity; otherwise the propagation
 * delay outlasted our deadline.
 */
export async function explainNotVisible(
  deps: UseCaseDeps,
  target: LoginTarget,
  timeoutMs: number,
): Promise<NotVisibleExplanation> {
  const [validStates, validActivities] = await Promise.all([
    bestEffort(() => deps.catalog.skillStates(target.skill.id), []),
    bestEffort(() => deps.catalog.activities(), []),
  ]);
  const cause = notVisibleCause(target, validStates, validActivities);
  const accepted = 'CXone accepted the login (201) but the state never appeared';
  let explanation: string;
  if (cause.kind === 'invalid_state') {
    explanation =
      `${accepted}: state "${target.state.name}" (${target.state.id}) is not the "${LOGGED_IN_STATE_NAME}" ` +
      `state of skill "${target.skill.name}"; log in with ${cause.loginState.id} instead.`;
  } else if (cause.kind === 'invalid_activity') {
    explanation =
      `${accepted}: activity "${target.activity.name}" (${target.activity.id}) is not a known activity; ` +
      `use one of: ${validActivities.map((a) => a.name).join(', ')}.`;
  } else {
    // Nothing wrong with the target: CXone is slower than our deadline. Not "never": it may still appear.
    explanation =
      `CXone accepted the login but it is not visible yet after ${seconds(timeoutMs)} s; ` +
      'CXone may be slow to show it — check again in a moment.';
  }
  return { explanation, validStates, validActivities };
}

/**
 * Why an accepted login is not visible, from the target and the skill's state definitions alone: a state
 * that is not the skill's "Logged In" one, an activity CXone does not know, or neither — then CXone is only
 * slow, and the login may still appear. Surfaces use it to decide what to offer (valid choices, Retry,
 * Check again).
 */
export type NotVisibleCause =
  | { kind: 'invalid_state'; loginState: StateDefinition }
  | { kind: 'invalid_activity' }
  | { kind: 'slow' };

export function notVisibleCause(
  target: LoginTarget,
  validStates: StateDefinition[],
  validActivities: Activity[],
): NotVisibleCause {
  const loggedIn = validStates.find((s) => sameName(s.name, LOGGED_IN_STATE_NAME));
  if (loggedIn && !sameId(loggedIn.id, target.state.id))
    return { kind: 'invalid_state', loginState: loggedIn };
  if (validActivities.length > 0 && !validActivities.some((a) => sameId(a.id, target.activity.id))) {
    return { kind: 'invalid_activity' };
  }
  return { kind: 'slow' };
}

export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
