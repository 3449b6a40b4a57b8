import type { Command } from '../grammar';
import { diagnosisCard } from '../render-report';
import { agentRef, v2Lookup } from './agent-arg';
import { onlyAgent } from './agent-words';
import type { SubcommandHandler } from './context';

/** `/agentstate diagnose <agent>`: every check with its outcome and the fix. */
export const diagnose: SubcommandHandler<Extract<Command, { kind: 'diagnose' }>> = async (ctx, cmd) => {
  // One word goes to the diagnosis as it is (it explains a miss itself); more words are split first.
  const arg = cmd.words
    ? await onlyAgent(
        ctx,
        v2Lookup(ctx, () => ({ c: 'diagnose' })),
        'diagnose',
        cmd.agent,
        cmd.words,
      )
    : await agentRef(ctx, cmd.agent);
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
