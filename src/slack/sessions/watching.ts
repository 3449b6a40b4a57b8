import type { SessionService } from '../../agentstate/sessions';
import { mapBounded } from '../../agentstate/watch/concurrency';
import { isCxoneError } from '../../cxone/errors';
import type { CommandOutcome } from '../../metrics';
import type { Subscription } from '../../store/port';
import { storeDownCard } from '../blocks';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import { STATE_READ_CONCURRENCY } from '../current-states';
import type { SessionSlackDeps } from '../deps';
import { storeReason } from '../store-health';
import { sessionWatchingCard, type WatchedState } from './watch-cards';

/** At most this many agents get a fresh state read; a longer list shows the rest without one. */
const MAX_READS = 40;

/** `/agentstate watching` on a real tenant: the agents this channel watches, each with its state now. */
export async function sessionWatching(ctx: CommandContext<SessionSlackDeps>): Promise<CommandOutcome> {
  const store = await requireStore(ctx, 'The watch list', 'read');
  if (!store) return 'error';
  let subs: Subscription[];
  try {
    subs = await ctx.deps.health.run(() => store.subscriptions.listByChannel(ctx.channelId));
  } catch (err) {
    await ctx.respond(storeDownCard(storeReason(err), 'read'));
    return 'error';
  }
  const states = await watchedStates(
    ctx.deps.sessions,
    subs.map((s) => s.agentId),
  );
  await ctx.respond(sessionWatchingCard(ctx.channelId, subs, states, new Date(ctx.deps.now())));
  return 'ok';
}

/**
 * One read per agent (by integer id: the agent and its state side by side), a few at a time so a long
 * list does not fire a burst of CXone calls; one agent failing only marks that agent's line.
 */
async function watchedStates(
  sessions: Pick<SessionService, 'report'>,
  agentIds: readonly string[],
): Promise<Map<string, WatchedState>> {
  const ids = [...new Set(agentIds)].slice(0, MAX_READS);
  const states = await mapBounded(ids, STATE_READ_CONCURRENCY, async (id): Promise<WatchedState> => {
    try {
      const r = await sessions.report(id);
      if (r.kind !== 'report') return { kind: 'unknown', reason: 'CXone no longer knows this agent' };
      return { kind: 'read', agent: r.agent, status: r.status };
    } catch (err) {
      return { kind: 'unknown', reason: isCxoneError(err) ? err.code : 'read failed' };
    }
  });
  return new Map(ids.map((id, i) => [id, states[i]!]));
}
