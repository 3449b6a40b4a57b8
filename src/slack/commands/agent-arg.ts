import type { CommandOutcome } from '../../metrics';
import { mentionProblemCard } from '../blocks';
import type { NotFoundContext } from '../blocks/lookup-cards';
import type { AgentArg } from '../grammar';
import { emailOfMember } from '../mentions';
import type { CommandContext } from './context';

export type AgentRefResult =
  | { ok: true; ref: string; mention?: NotFoundContext['mention'] }
  | { ok: false; outcome: CommandOutcome };

/** Turns the `<agent>` argument into a reference the service understands; a mention becomes an email. */
export async function agentRef(ctx: CommandContext, arg: AgentArg): Promise<AgentRefResult> {
  if (arg.kind === 'ref') return { ok: true, ref: arg.ref };
  const found = await emailOfMember(ctx.deps.client, arg.userId, ctx.log);
  if (!found.ok) {
    await ctx.respond(mentionProblemCard(arg.userId, found.problem));
    return { ok: false, outcome: found.problem === 'lookup_failed' ? 'error' : 'not_found' };
  }
  return { ok: true, ref: found.email, mention: { userId: arg.userId, email: found.email } };
}
