import { ambiguousCard, confirmLogoutCard, logoutResultCard, notFoundCard } from '../blocks';
import { notInSkillCard } from '../blocks/confirm-cards';
import type { Command } from '../grammar';
import { v2Lookup } from './agent-arg';
import { leadingAgent, phrase } from './agent-words';
import { allowedToChange } from './authorise';
import type { CommandContext, SubcommandHandler } from './context';
import { changesPossible } from './store-gate';

/** `/agentstate logout <agent> [skill]`: shows what would be logged out and asks to confirm. */
export const logout: SubcommandHandler<Extract<Command, { kind: 'logout' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx))) return 'refused';
  if (!(await changesPossible(ctx))) return 'error';
  const lookup = v2Lookup(ctx, (rest) => {
    const skill = phrase(rest);
    return { c: 'logout', ...(skill ? { x: skill.slice(0, 100) } : {}) };
  });
  const arg = await leadingAgent(ctx, lookup, cmd.agent, cmd.words);
  if (!arg.ok) return arg.outcome;
  return confirmLogout(ctx, arg.ref, phrase(arg.rest), arg.mention);
};

/** The confirm step for one agent reference (as typed, or a picked candidate's id). */
export async function confirmLogout(
  ctx: CommandContext,
  ref: string,
  skill?: string,
  mention?: { userId: string; email: string },
) {
  const result = await ctx.deps.service.report(ref);
  if (result.kind === 'not_found') {
    await ctx.respond(notFoundCard(result.query, mention ? { mention } : {}));
    return 'not_found' as const;
  }
  if (result.kind === 'ambiguous') {
    await ctx.respond(ambiguousCard(result.query, result.candidates, result.total));
    return 'ok' as const;
  }
  if (result.states.length === 0) {
    await ctx.respond(logoutResultCard({ kind: 'not_logged_in', agent: result.agent }, ctx.userId));
    return 'ok' as const;
  }
  if (skill) {
    // Named by the skill's real name, not the spelling typed; nothing to confirm when the agent is not in it.
    const wanted = skill.trim().toLowerCase();
    const known = (await ctx.deps.service.listSkills()).find(
      (s) => s.id.toLowerCase() === wanted || s.name.trim().toLowerCase() === wanted,
    );
    const inIt = known && result.states.some((s) => s.state.skillId === known.id);
    if (known && !inIt) {
      await ctx.respond(notInSkillCard(result.agent, known.name, result.states));
      return 'ok' as const;
    }
    if (known) {
      await ctx.respond(confirmLogoutCard(result.agent, result.states, known.name));
      return 'ok' as const;
    }
  }
  await ctx.respond(confirmLogoutCard(result.agent, result.states, skill));
  return 'ok' as const;
}
