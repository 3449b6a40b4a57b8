import { type Agent, displayName } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import type { Subscription } from '../../store/port';
import { notWatchedCard, storeDownCard, unwatchedCard, unwatchedNoteCard } from '../blocks';
import type { BaseSlackDeps } from '../deps';
import type { AgentArg, Command } from '../grammar';
import { type SlackStore, storeReason } from '../store-health';
import { v2Lookup } from './agent-arg';
import { type AgentLookup, onlyAgent, trailingChannel } from './agent-words';
import { allowedToChange } from './authorise';
import type { CommandContext, SubcommandHandler } from './context';
import { requireStore } from './store-gate';

/**
 * `/agentstate unwatch <agent> [#channel]`. The agent is first looked up among the channel's own
 * subscriptions (by id or stored name), so an agent since deleted in CXone can still be unwatched; only
 * then through CXone like any other reference.
 */
export const unwatch: SubcommandHandler<Extract<Command, { kind: 'unwatch' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx, 'watch'))) return 'refused';
  const store = await requireStore(ctx, 'Watching agents', 'watch');
  if (!store) return 'error';
  const named = trailingChannel(cmd.words);
  const channel = named.channel ?? ctx.channelId;
  try {
    return await stopWatching(ctx, store, v2Lookup(ctx), cmd.agent, named.words, channel);
  } catch (err) {
    ctx.log.error({ err }, 'unwatch failed on the store');
    await ctx.respond(storeDownCard(storeReason(err), 'watch'));
    return 'error';
  }
};

/**
 * Stopping a channel's watch of one agent, the same steps in both dialects: find it among the channel's
 * subscriptions (by id or stored name, else through CXone), remove it, audit, tell the channel, reply.
 */
export async function stopWatching<A extends Agent>(
  ctx: CommandContext<BaseSlackDeps>,
  store: SlackStore,
  lookup: AgentLookup<A>,
  arg: AgentArg,
  words: string[],
  channel: string,
): Promise<CommandOutcome> {
  const subs = await ctx.deps.health.run(() => store.subscriptions.listByChannel(channel));
  const target = await findWatched(ctx, lookup, arg, words, subs);
  if (!target.ok) return target.outcome;
  if (!target.sub) {
    await ctx.respond(notWatchedCard(target.name, channel));
    return 'ok';
  }
  const { sub } = target;
  const removed = await ctx.deps.health.run(() => store.subscriptions.remove(channel, sub.agentId));
  if (removed) {
    await ctx.deps.audit.record({
      at: new Date(ctx.deps.now()),
      actor: ctx.userId,
      action: 'unwatch',
      agent: { id: sub.agentId, name: sub.agentName },
      channel,
      outcome: 'ok',
    });
    await tellChannel(ctx, channel, sub.agentName);
  }
  await ctx.respond(removed ? unwatchedCard(sub.agentName, channel) : notWatchedCard(sub.agentName, channel));
  return 'ok';
}

type Found =
  | { ok: true; sub: Subscription | undefined; name: string }
  | { ok: false; outcome: CommandOutcome };

async function findWatched<A extends Agent>(
  ctx: CommandContext<BaseSlackDeps>,
  lookup: AgentLookup<A>,
  arg: AgentArg,
  words: string[],
  subs: Subscription[],
): Promise<Found> {
  if (arg.kind === 'ref') {
    const ref = [arg.ref, ...words].join(' ').trim().toLowerCase();
    const local = subs.find((s) => s.agentId.toLowerCase() === ref || s.agentName.toLowerCase() === ref);
    if (local) return { ok: true, sub: local, name: local.agentName };
  }
  const found = await onlyAgent(ctx, lookup, 'unwatch', arg, words);
  if (!found.ok) return found;
  return {
    ok: true,
    sub: subs.find((s) => s.agentId === found.agent.id),
    name: displayName(found.agent),
  };
}

/** The channel was told when watching started; tell it when it stops. Best effort. */
async function tellChannel(ctx: CommandContext<BaseSlackDeps>, channel: string, name: string): Promise<void> {
  const card = unwatchedNoteCard(name, ctx.userId);
  await ctx.deps.client.chat
    .postMessage({ channel, text: card.text, blocks: card.blocks })
    .catch((err) => ctx.log.warn({ err, channelId: channel }, 'could not post the unwatch note'));
}
