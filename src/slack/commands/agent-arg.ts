import type { Agent } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import { ambiguousCard, mentionProblemCard, usageCard } from '../blocks';
import type { NotFoundContext, PickNext } from '../blocks/lookup-cards';
import type { BaseSlackDeps } from '../deps';
import type { AgentArg } from '../grammar';
import { ACTION } from '../ids';
import { emailOfMember } from '../mentions';
import { type AgentLookup, leadingAgent } from './agent-words';
import type { CommandContext } from './context';

export type AgentRefResult =
  | { ok: true; ref: string; mention?: NotFoundContext['mention'] }
  | { ok: false; outcome: CommandOutcome };

/** Turns the `<agent>` argument into a reference the service understands; a mention becomes an email. */
export async function agentRef(ctx: CommandContext<BaseSlackDeps>, arg: AgentArg): Promise<AgentRefResult> {
  if (arg.kind === 'ref') return { ok: true, ref: arg.ref };
  const found = await emailOfMember(ctx.deps.client, arg.userId, ctx.log);
  if (!found.ok) {
    await ctx.respond(mentionProblemCard(arg.userId, found.problem));
    return { ok: false, outcome: found.problem === 'lookup_failed' ? 'error' : 'not_found' };
  }
  return { ok: true, ref: found.email, mention: { userId: arg.userId, email: found.email } };
}

export type OneAgent = { ok: true; agent: Agent } | { ok: false; outcome: CommandOutcome };

/**
 * How the tutorial's dialect looks agents up (commands/agent-words.ts reads the words around them). With
 * `next`, a pick among several agents continues the typed command, with what followed the name.
 */
export function v2Lookup(ctx: CommandContext, next?: (rest: string[]) => PickNext): AgentLookup<Agent> {
  return {
    resolve: (ref) => ctx.deps.service.resolveAgent(ref),
    ambiguousCard: (r, rest) =>
      ambiguousCard(r.query, r.candidates, r.total, false, ACTION.pickAgent, next?.(rest)),
    usageCard: (problem) => usageCard({ problem }),
  };
}

/** The argument as exactly one agent; otherwise answers with the candidates or "no such agent". */
export async function resolveOne(ctx: CommandContext, arg: AgentArg): Promise<OneAgent> {
  const found = await leadingAgent(ctx, v2Lookup(ctx), arg);
  return found.ok ? { ok: true, agent: found.agent } : found;
}
