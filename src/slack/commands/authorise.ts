import { membershipUnknownCard, refusalCard } from '../blocks';
import type { BaseSlackDeps } from '../deps';
import type { CommandContext } from './context';

/**
 * Supervisor-only subcommands (login, logout, watch, unwatch, audit) refuse anyone else before anything
 * reaches CXone or the store; a click checks again.
 */
export async function allowedToChange(
  ctx: CommandContext<BaseSlackDeps>,
  kind: 'change' | 'watch' | 'audit' = 'change',
): Promise<boolean> {
  const auth = await ctx.deps.supervisors.authorise(ctx.userId);
  if (auth === 'allowed') return true;
  await ctx.respond(auth === 'refused' ? refusalCard(kind) : membershipUnknownCard());
  return false;
}
