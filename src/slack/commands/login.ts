import { confirmLoginCard } from '../blocks';
import type { Command } from '../grammar';
import { v2Lookup } from './agent-arg';
import { leadingAgent, phrase } from './agent-words';
import { allowedToChange } from './authorise';
import type { SubcommandHandler } from './context';
import { changesPossible } from './store-gate';

/**
 * `/agentstate login <agent> [skill]`: resolves agent and target (an unknown skill is explained before
 * anything is posted) and answers with a confirm step; the confirm click performs the login.
 */
export const login: SubcommandHandler<Extract<Command, { kind: 'login' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx))) return 'refused';
  if (!(await changesPossible(ctx))) return 'error';
  const found = await leadingAgent(ctx, v2Lookup(ctx), cmd.agent, cmd.words);
  if (!found.ok) return found.outcome;
  const skill = phrase(found.rest);
  const target = await ctx.deps.service.resolveTarget(found.agent, skill ? { skill } : {});
  await ctx.respond(confirmLoginCard(found.agent, target));
  return 'ok';
};
