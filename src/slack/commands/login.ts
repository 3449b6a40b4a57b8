import { ambiguousCard, confirmLoginCard, notFoundCard } from '../blocks';
import type { Command } from '../grammar';
import { agentRef } from './agent-arg';
import { allowedToChange } from './authorise';
import type { SubcommandHandler } from './context';

/**
 * `/agentstate login <agent> [skill]`: resolves agent and target (an unknown skill is explained before
 * anything is posted) and answers with a confirm step; the confirm click performs the login.
 */
export const login: SubcommandHandler<Extract<Command, { kind: 'login' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx))) return 'refused';
  const arg = await agentRef(ctx, cmd.agent);
  if (!arg.ok) return arg.outcome;
  const resolution = await ctx.deps.service.resolveAgent(arg.ref);
  if (resolution.kind === 'not_found') {
    await ctx.respond(notFoundCard(resolution.query, arg.mention ? { mention: arg.mention } : {}));
    return 'not_found';
  }
  if (resolution.kind === 'ambiguous') {
    await ctx.respond(ambiguousCard(resolution.query, resolution.candidates, resolution.total));
    return 'ok';
  }
  const target = await ctx.deps.service.resolveTarget(
    resolution.agent,
    cmd.skill ? { skill: cmd.skill } : {},
  );
  await ctx.respond(confirmLoginCard(resolution.agent, target));
  return 'ok';
};
