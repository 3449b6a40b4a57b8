import { usageCard } from '../blocks';
import type { Usage } from '../grammar';
import type { SubcommandHandler } from './context';

/** `help`, empty text, and anything that did not parse: usage, without calling CXone. */
export const help: SubcommandHandler<unknown> = async (ctx) => {
  await ctx.respond(usageCard());
  return 'ok';
};

export const usage: SubcommandHandler<Usage> = async (ctx, parsed) => {
  await ctx.respond(usageCard(parsed));
  return 'usage';
};
