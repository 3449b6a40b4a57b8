import type { Agent } from '../../agentstate/model';
import { confirmLoginCard } from '../blocks';
import { alreadyInSkillCard, inactiveAgentCard } from '../blocks/confirm-cards';
import type { Command } from '../grammar';
import { v2Lookup } from './agent-arg';
import { leadingAgent, phrase } from './agent-words';
import { allowedToChange } from './authorise';
import type { CommandContext, SubcommandHandler } from './context';
import { changesPossible } from './store-gate';

/**
 * `/agentstate login <agent> [skill]`: resolves agent and target (an unknown skill is explained before
 * anything is posted) and answers with a confirm step; the confirm click performs the login.
 */
export const login: SubcommandHandler<Extract<Command, { kind: 'login' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx))) return 'refused';
  if (!(await changesPossible(ctx))) return 'error';
  const lookup = v2Lookup(ctx, (rest) => ({ c: 'login', ...skillArg(rest) }));
  const found = await leadingAgent(ctx, lookup, cmd.agent, cmd.words);
  if (!found.ok) return found.outcome;
  return confirmLogin(ctx, found.agent, phrase(found.rest));
};

/** A picked candidate carries the skill as typed; a button value holds at most 100 characters of it. */
function skillArg(rest: string[]): { x?: string } {
  const skill = phrase(rest);
  return skill ? { x: skill.slice(0, 100) } : {};
}

/** The confirm step for one known agent: from the command, or from a candidate picked among several. */
export async function confirmLogin(ctx: CommandContext, agent: Agent, skill?: string) {
  // Refused before any question: a deactivated account cannot log in, whatever the supervisor confirms.
  if (!agent.isActive) {
    await ctx.respond(inactiveAgentCard(agent));
    return 'ok' as const;
  }
  const target = await ctx.deps.service.resolveTarget(agent, skill ? { skill } : {});
  const report = await ctx.deps.service.report(agent.id);
  const current = report.kind === 'report' ? report.states : [];
  const already = current.find((s) => s.state.skillId === target.skill.id);
  if (already && !target.ambiguous) {
    await ctx.respond(alreadyInSkillCard(agent, already));
    return 'ok' as const;
  }
  await ctx.respond(confirmLoginCard(agent, target, current));
  return 'ok' as const;
}
