import { ambiguousCard, confirmLogoutCard, logoutResultCard, notFoundCard } from '../blocks';
import type { Command } from '../grammar';
import { v2Lookup } from './agent-arg';
import { leadingAgent, phrase } from './agent-words';
import { allowedToChange } from './authorise';
import type { SubcommandHandler } from './context';
import { changesPossible } from './store-gate';

/** `/agentstate logout <agent> [skill]`: shows what would be logged out and asks to confirm. */
export const logout: SubcommandHandler<Extract<Command, { kind: 'logout' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx))) return 'refused';
  if (!(await changesPossible(ctx))) return 'error';
  const arg = await leadingAgent(ctx, v2Lookup(ctx), cmd.agent, cmd.words);
  if (!arg.ok) return arg.outcome;
  const result = await ctx.deps.service.report(arg.ref);
  if (result.kind === 'not_found') {
    await ctx.respond(notFoundCard(result.query, arg.mention ? { mention: arg.mention } : {}));
    return 'not_found';
  }
  if (result.kind === 'ambiguous') {
    await ctx.respond(ambiguousCard(result.query, result.candidates, result.total));
    return 'ok';
  }
  if (result.states.length === 0) {
    await ctx.respond(logoutResultCard({ kind: 'not_logged_in', agent: result.agent }, ctx.userId));
    return 'ok';
  }
  await ctx.respond(confirmLogoutCard(result.agent, result.states, phrase(arg.rest)));
  return 'ok';
};
