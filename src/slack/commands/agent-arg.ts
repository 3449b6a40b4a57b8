import type { Agent } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import { ambiguousCard, mentionProblemCard, notFoundCard } from '../blocks';
import type { NotFoundContext } from '../blocks/lookup-cards';
import type { AgentArg } from '../grammar';
import { emailOfMember } from '../mentions';
import type { BaseSlackDeps } from '../deps';
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

/** The argument as exactly one agent; otherwise answers with the candidates or "no such agent". */
export async function resolveOne(ctx: CommandContext, arg: AgentArg): Promise<OneAgent> {
  const ref = await agentRef(ctx, arg);
  if (!ref.ok) return ref;
  const resolution = await ctx.deps.service.resolveAgent(ref.ref);
  if (resolution.kind === 'found') return { ok: true, agent: resolution.agent };
  if (resolution.kind === 'ambiguous') {
    await ctx.respond(ambiguousCard(resolution.query, resolution.candidates, resolution.total));
    return { ok: false, outcome: 'ok' };
  }
  await ctx.respond(notFoundCard(resolution.query, ref.mention ? { mention: ref.mention } : {}));
  return { ok: false, outcome: 'not_found' };
}
