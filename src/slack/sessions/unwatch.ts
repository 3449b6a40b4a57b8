import { displayName } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import type { Subscription } from '../../store/port';
import { notWatchedCard, storeDownCard, unwatchedCard, unwatchedNoteCard } from '../blocks';
import { onlyAgent, trailingChannel } from '../commands/agent-words';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import type { SessionSlackDeps } from '../deps';
import type { AgentArg, Command } from '../grammar';
import { type SlackStore, StoreDownError } from '../store-health';
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
    return await stopWatching(ctx, store, cmd.agent, named.words, channel);
  } catch (err) {
    if (!(err instanceof StoreDownError)) throw err;
    await ctx.respond(storeDownCard(err.reason, 'watch'));
    return 'error';
  }
}

async function stopWatching(ctx: Ctx, store: SlackStore, arg: AgentArg, words: string[], channel: string) {
  const { health } = ctx.deps;
  const subs = await health.run(() => store.subscriptions.listByChannel(channel));
  const target = await findWatched(ctx, arg, words, subs);
  if (!target.ok) return target.outcome;
  if (!target.sub) {
    await ctx.respond(notWatchedCard(target.name, channel));
    return 'ok';
  }
  const { sub } = target;
  const removed = await health.run(() => store.subscriptions.remove(channel, sub.agentId));
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

async function findWatched(ctx: Ctx, arg: AgentArg, words: string[], subs: Subscription[]): Promise<Found> {
  if (arg.kind === 'ref') {
    const ref = [arg.ref, ...words].join(' ').trim().toLowerCase();
    const local = subs.find((s) => s.agentId === ref || s.agentName.toLowerCase() === ref);
    if (local) return { ok: true, sub: local, name: local.agentName };
  }
  const found = await onlyAgent(ctx, sessionLookup(ctx), 'unwatch', arg, words);
  if (!found.ok) return found;
  return {
    ok: true,
    sub: subs.find((s) => s.agentId === found.agent.id),
    name: displayName(found.agent),
  };
}

/** The channel was told when watching started; tell it when it stops. Best effort. */
async function tellChannel(ctx: Ctx, channel: string, name: string): Promise<void> {
  const card = unwatchedNoteCard(name, ctx.userId);
  await ctx.deps.client.chat
    .postMessage({ channel, text: card.text, blocks: card.blocks })
    .catch((err) => ctx.log.warn({ err, channelId: channel }, 'could not post the unwatch note'));
}
