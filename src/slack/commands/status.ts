import { errorCard, isRetryable } from '../blocks/error-card';
import { refreshButton } from '../blocks/next-buttons';
import type { Command } from '../grammar';
import { reportCard } from '../render-report';
import { agentRef } from './agent-arg';
import type { SubcommandHandler } from './context';

/** `/agentstate <agent>`: the status card. */
export const status: SubcommandHandler<Extract<Command, { kind: 'status' }>> = async (ctx, cmd) => {
  const arg = await agentRef(ctx, cmd.agent);
  if (!arg.ok) return arg.outcome;
  let result: Awaited<ReturnType<typeof ctx.deps.service.report>>;
  try {
    result = await ctx.deps.service.report(arg.ref);
  } catch (err) {
    if (!isRetryable(err)) throw err;
    // CXone busy or down: the same read, one click away.
    ctx.log.warn({ err }, 'status read failed; offering Retry');
    await ctx.respond(errorCard(err, undefined, refreshButton({ q: arg.ref })));
    return 'error';
  }
  const canChange = (await ctx.deps.supervisors.authorise(ctx.userId)) === 'allowed';
  const { card, outcome } = reportCard(result, new Date(ctx.deps.now()), {
    ...(cmd.hint ? { hint: cmd.hint } : {}),
    ...(arg.mention ? { mention: arg.mention } : {}),
    canChange,
  });
  await ctx.respond(card);
  return outcome;
};
