import type { UseCaseDeps } from './deps';
import { bestEffort, sameId } from './deps';
import { isLoginTarget, loginAndVerify } from './login-and-verify';
import { logout } from './logout';
import type { Agent } from './model';
import { resolveTarget } from './target';
import type { LoginOutcome, LoginTarget, OperationOptions, TargetInput } from './types';

/**
 * The tutorial's answer to a 409 from a conflicting skill: log out of the old skill, then log in to the
 * new one. The target is resolved first so that a mistyped skill never leaves the agent logged out.
 */
export async function switchSkill(
  deps: UseCaseDeps,
  agent: Agent,
  fromSkillId: string,
  target?: TargetInput | LoginTarget,
  opts: OperationOptions = {},
): Promise<LoginOutcome> {
  const chosen = isLoginTarget(target) ? target : await resolveTarget(deps, agent, target);
  const skills = await bestEffort(() => deps.catalog.skills(), []);
  const skillName = skills.find((s) => sameId(s.id, fromSkillId))?.name ?? fromSkillId;

  opts.onProgress?.({ type: 'logging_out', skillName });
  const out = await logout(deps, agent, fromSkillId, opts);
  // An unconfirmed logout is not fatal: if the old skill still blocks, the login's 409 says so, naming it.
  deps.logger?.info({ agentId: agent.id, fromSkillId, logout: out.kind }, 'switching skill');
  return loginAndVerify(deps, agent, chosen, opts);
}
