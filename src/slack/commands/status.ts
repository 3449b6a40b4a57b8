import type { Command } from '../grammar';
import { reportCard } from '../render-report';
import { agentRef } from './agent-arg';
import type { SubcommandHandler } from './context';

/** `/agentstate <agent>`: the status card. */
export const status: SubcommandHandler<Extract<Command, { kind: 'status' }>> = async (ctx, cmd) => {
  const arg = await agentRef(ctx, cmd.agent);
  if (!arg.ok) return arg.outcome;
  const result = await ctx.deps.service.report(arg.ref);
  const { card, outcome } = reportCard(result, new Date(ctx.deps.now()), {
    ...(cmd.hint ? { hint: cmd.hint } : {}),
    ...(arg.mention ? { mention: arg.mention } : {}),
  });
  await ctx.respond(card);
  return outcome;
};
