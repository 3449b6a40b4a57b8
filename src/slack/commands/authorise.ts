import { membershipUnknownCard, refusalCard } from '../blocks';
import type { CommandContext } from './context';

/** login/logout refuse non-supervisors before anything reaches CXone (the click checks again). */
export async function allowedToChange(ctx: CommandContext): Promise<boolean> {
  const auth = await ctx.deps.supervisors.authorise(ctx.userId);
  if (auth === 'allowed') return true;
  await ctx.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
  return false;
}
