import type { Command } from '../grammar';
import { diagnosisCard } from '../render-report';
import { agentRef } from './agent-arg';
import type { SubcommandHandler } from './context';

/** `/agentstate diagnose <agent>`: every check with its outcome and the fix. */
export const diagnose: SubcommandHandler<Extract<Command, { kind: 'diagnose' }>> = async (ctx, cmd) => {
  const arg = await agentRef(ctx, cmd.agent);
  if (!arg.ok) return arg.outcome;
  const d = await ctx.deps.service.diagnose(arg.ref);
  const { card, outcome } = diagnosisCard(
    d,
    new Date(ctx.deps.now()),
    arg.mention ? { mention: arg.mention } : {},
  );
  await ctx.respond(card);
  return outcome;
};
