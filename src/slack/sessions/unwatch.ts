import type { CommandOutcome } from '../../metrics';
import { storeDownCard } from '../blocks';
import { trailingChannel } from '../commands/agent-words';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import { stopWatching } from '../commands/unwatch';
import type { SessionSlackDeps } from '../deps';
import type { Command } from '../grammar';
import { StoreDownError } from '../store-health';
import { sessionLookup } from './resolve-one';

type Ctx = CommandContext<SessionSlackDeps>;

/**
 * `/agentstate unwatch <agent> [#channel]` on a real tenant. The agent is first looked up among the
 * channel's own subscriptions (by id or stored name), so an agent since deleted in CXone can still be
 * unwatched; only then through CXone like any other reference.
 */
export async function sessionUnwatch(
  ctx: Ctx,
  cmd: Extract<Command, { kind: 'unwatch' }>,
): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx, 'watch'))) return 'refused';
  const store = await requireStore(ctx, 'Watching agents', 'watch');
  if (!store) return 'error';
  const named = trailingChannel(cmd.words);
  const channel = named.channel ?? ctx.channelId;
  try {
    return await stopWatching(ctx, store, sessionLookup(ctx), cmd.agent, named.words, channel);
  } catch (err) {
    if (!(err instanceof StoreDownError)) throw err;
    await ctx.respond(storeDownCard(err.reason, 'watch'));
    return 'error';
  }
}
