import { noStoreCard, storeDownCard } from '../blocks';
import type { BaseSlackDeps } from '../deps';
import type { SlackStore } from '../store-health';
import type { CommandContext } from './context';

/**
 * Subcommands that need the store get it through here, so an app without a database, or one whose
 * database went away, answers with the reason instead of failing half-way.
 */
export async function requireStore(
  ctx: CommandContext<BaseSlackDeps>,
  what: string,
  kind: 'change' | 'watch' | 'read',
): Promise<SlackStore | undefined> {
  const store = ctx.deps.store;
  if (!store) {
    await ctx.respond(noStoreCard(what));
    return undefined;
  }
  if (!(await ctx.deps.health.check())) {
    await ctx.respond(storeDownCard('it does not answer', kind));
    return undefined;
  }
  return store;
}

/**
 * login/logout answer with a confirm card; refusing there already (rather than at the click) spares the
 * supervisor a confirm step that cannot succeed. Without a store there is nothing to check.
 */
export async function changesPossible(ctx: CommandContext<BaseSlackDeps>): Promise<boolean> {
  if (!ctx.deps.store || (await ctx.deps.health.check())) return true;
  await ctx.respond(storeDownCard('it does not answer', 'change'));
  return false;
}
