import { ConflictError, UnavailableError } from '../cxone/errors';
import { sameId, type UseCaseDeps } from './deps';
import { explainConflict, explainNotVisible } from './login-explain';
import { type Agent, type AgentState, displayName } from './model';
import { type PollResult, pollStates } from './poll-states';
import { resolveTarget } from './target';
import type { LoginOutcome, LoginTarget, OperationOptions, TargetInput } from './types';

/**
 * Raised before anything is sent when the agent's account is deactivated: CXone would answer the POST
 * with a 400 that says nothing of the reason. Reactivating the account in CXone is the only fix.
 */
export class AgentInactiveError extends Error {
  override readonly name = 'AgentInactiveError';
  readonly code = 'agent_inactive';
  constructor(readonly agent: Agent) {
    super(
      `${displayName(agent)} is deactivated in CXone: reactivate the account in CXone, then log them in.`,
    );
  }
}

/**
 * The tutorial's Steps 1–4 as one operation: check the current state, post the login, poll until the
 * state appears or the deadline passes, and explain what is wrong when it never appears (its "Empty
 * array after login"). Expected outcomes are values; CXone failures other than those handled are thrown.
 */
export async function loginAndVerify(
  deps: UseCaseDeps,
  agent: Agent,
  target?: TargetInput | LoginTarget,
  opts: OperationOptions = {},
): Promise<LoginOutcome> {
  const emit = opts.onProgress ?? (() => {});
  opts.signal?.throwIfAborted();
  if (!agent.isActive) throw new AgentInactiveError(agent);
  const chosen = isLoginTarget(target) ? target : await resolveTarget(deps, agent, target);

  emit({ type: 'checking' });
  const existing = (await deps.cxone.getAgentStates(agent.id)).find(inSkill(chosen));
  if (existing)
    return { kind: 'already_logged_in', agent, target: chosen, state: await resolveOne(deps, existing) };

  opts.signal?.throwIfAborted();
  emit({ type: 'posting', target: chosen });
  const posted = await postLogin(deps, agent, chosen);
  if (posted.kind === 'conflict') return explainConflict(deps, agent, chosen, posted.error);
  emit({ type: 'posted', elapsedMs: deps.clock.now() - posted.at });

  let measureFrom = posted.at;
  let seen = await waitForLogin(deps, agent, chosen, posted.at, opts);
  if (seen.value === undefined && posted.kind === 'uncertain') {
    // Posting again is only safe after CXone has shown that the first POST did not land. If no read got an
    // answer (CXone down or too slow), a second POST would be blind: report what is known instead.
    if (!seen.answered) throw posted.error;
    // The first POST failed in a way that leaves its fate unknown and nothing showed up: post exactly once
    // more, and let CXone's answer tell whether the first one had landed after all.
    const retry = await repostOnce(deps, agent, chosen, posted.error, emit);
    if (!retry.firstLanded) measureFrom = retry.at;
    // A fresh window: the first one was spent waiting for a login that may never have been made.
    const again = await waitForLogin(deps, agent, chosen, retry.at, opts);
    seen = { ...again, polls: seen.polls + again.polls, answered: true };
  }

  const verifyMs = deps.clock.now() - measureFrom;
  if (seen.value !== undefined) {
    emit({ type: 'verified', elapsedMs: verifyMs });
    const state = await resolveOne(deps, seen.value);
    deps.logger?.info({ agentId: agent.id, skillId: chosen.skill.id, verifyMs }, 'login verified');
    return { kind: 'verified', agent, target: chosen, state, verifyMs, polls: seen.polls };
  }
  const why = await explainNotVisible(deps, chosen, opts.timeoutMs ?? deps.verifyTimeoutMs);
  deps.logger?.warn({ agentId: agent.id, skillId: chosen.skill.id, verifyMs }, 'login not visible');
  return { kind: 'not_visible', agent, target: chosen, verifyMs, polls: seen.polls, ...why };
}

export function isLoginTarget(target: TargetInput | LoginTarget | undefined): target is LoginTarget {
  return target !== undefined && typeof (target as LoginTarget).skill === 'object';
}

type PostResult =
  | { kind: 'posted'; at: number }
  | { kind: 'uncertain'; at: number; error: UnavailableError }
  | { kind: 'conflict'; error: ConflictError };

async function postLogin(deps: UseCaseDeps, agent: Agent, target: LoginTarget): Promise<PostResult> {
  const at = deps.clock.now();
  try {
    await deps.cxone.loginAgent(agent.id, loginBody(target));
    return { kind: 'posted', at };
  } catch (err) {
    if (err instanceof ConflictError) return { kind: 'conflict', error: err };
    // A timeout or 5xx does not say whether the login landed. Posting again right away could double-post
    // or earn a confusing 409, so verify first as if it had been accepted.
    if (err instanceof UnavailableError) {
      deps.logger?.warn(
        { err, agentId: agent.id },
        'login POST outcome unknown; verifying before any repost',
      );
      return { kind: 'uncertain', at, error: err };
    }
    throw err;
  }
}

/**
 * The second and last POST after an uncertain first one. A 409 naming the same skill means the first one
 * landed (it is just slow to show); a 409 that does not name the skill proves nothing, so, like any other
 * failure, it surfaces the original error rather than a misleading one.
 */
async function repostOnce(
  deps: UseCaseDeps,
  agent: Agent,
  target: LoginTarget,
  original: UnavailableError,
  emit: NonNullable<OperationOptions['onProgress']>,
): Promise<{ at: number; firstLanded: boolean }> {
  emit({ type: 'posting', target });
  const at = deps.clock.now();
  try {
    await deps.cxone.loginAgent(agent.id, loginBody(target));
    emit({ type: 'posted', elapsedMs: deps.clock.now() - at });
    return { at, firstLanded: false };
  } catch (err) {
    const sameSkill = err instanceof ConflictError && sameId(err.conflictingSkillId ?? '', target.skill.id);
    if (!sameSkill) throw original;
    emit({ type: 'posted', elapsedMs: deps.clock.now() - at });
    return { at, firstLanded: true };
  }
}

function waitForLogin(
  deps: UseCaseDeps,
  agent: Agent,
  target: LoginTarget,
  startedAt: number,
  opts: OperationOptions,
): Promise<PollResult<AgentState>> {
  return pollStates(deps, {
    agentId: agent.id,
    startedAt,
    timeoutMs: opts.timeoutMs ?? deps.verifyTimeoutMs,
    until: (states) => states.find(inSkill(target)),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

function loginBody(target: LoginTarget) {
  return { skillId: target.skill.id, stateId: target.state.id, activityId: target.activity.id };
}

function inSkill(target: LoginTarget): (state: AgentState) => boolean {
  return (state) => sameId(state.skillId, target.skill.id);
}

async function resolveOne(deps: UseCaseDeps, state: AgentState) {
  const [resolved] = await deps.catalog.resolve([state]);
  return resolved!;
}
