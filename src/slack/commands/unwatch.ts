import { displayName } from '../../agentstate/model';
import type { Subscription } from '../../store/port';
import { notWatchedCard, storeDownCard, unwatchedCard, unwatchedNoteCard } from '../blocks';
import type { AgentArg, Command } from '../grammar';
import { storeReason } from '../store-health';
import { v2Lookup } from './agent-arg';
import { onlyAgent, trailingChannel } from './agent-words';
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
    const subs = await ctx.deps.health.run(() => store.subscriptions.listByChannel(channel));
    const target = await findWatched(ctx, cmd.agent, named.words, subs);
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
    await ctx.respond(
      removed ? unwatchedCard(sub.agentName, channel) : notWatchedCard(sub.agentName, channel),
    );
    return 'ok';
  } catch (err) {
    ctx.log.error({ err }, 'unwatch failed on the store');
    await ctx.respond(storeDownCard(storeReason(err), 'watch'));
    return 'error';
  }
};

type Found =
  | { ok: true; sub: Subscription | undefined; name: string }
  | { ok: false; outcome: Awaited<ReturnType<SubcommandHandler<unknown>>> };

async function findWatched(
  ctx: CommandContext,
  arg: AgentArg,
  words: string[],
  subs: Subscription[],
): Promise<Found> {
  if (arg.kind === 'ref') {
    const ref = [arg.ref, ...words].join(' ').toLowerCase();
    const local = subs.find((s) => s.agentId.toLowerCase() === ref || s.agentName.toLowerCase() === ref);
    if (local) return { ok: true, sub: local, name: local.agentName };
  }
  const found = await onlyAgent(ctx, v2Lookup(ctx), 'unwatch', arg, words);
  if (!found.ok) return found;
  return {
    ok: true,
    sub: subs.find((s) => s.agentId === found.agent.id),
    name: displayName(found.agent),
  };
}

/** The channel was told when watching started; tell it when it stops. Best effort. */
async function tellChannel(ctx: CommandContext, channel: string, name: string): Promise<void> {
  const card = unwatchedNoteCard(name, ctx.userId);
  await ctx.deps.client.chat
    .postMessage({ channel, text: card.text, blocks: card.blocks })
    .catch((err) => ctx.log.warn({ err, channelId: channel }, 'could not post the unwatch note'));
}
