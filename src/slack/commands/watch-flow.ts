import { type Agent, displayName } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import type { Subscription } from '../../store/port';
import { alreadyWatchingCard, cannotPostCard, storeDownCard } from '../blocks';
import type { Card } from '../blocks/kit';
import type { BaseSlackDeps } from '../deps';
import { slackErrorCode } from '../slack-errors';
import { type SlackStore, StoreDownError } from '../store-health';
import type { CommandContext } from './context';

/** What each dialect says and stores when a channel starts watching an agent. */
export interface WatchStart {
  agent: Agent;
  channel: string;
  /**
   * Built once the agent is known not to be watched there yet (building them may read CXone):
   * `confirmation` is posted in the channel first, the only reliable test that the app may post there;
   * `withdrawn` replaces it when the store then refuses the watch; `started` is the supervisor's reply.
   */
  cards(): Promise<{ confirmation: Card; withdrawn: Card; started: Card }>;
  /** Anything the subscription carries beyond channel, agent and creator (e.g. who to mention). */
  extra?: Partial<Pick<Subscription, 'mention'>>;
  /** Best effort, after storing: the agent's current state as the watcher's baseline. */
  recordBaseline(at: Date): Promise<void>;
}

/**
 * Watching one agent in one channel, the same steps in both dialects: already watched → say so; post the
 * confirmation in the channel *before* anything is stored (a private, archived or restricted channel fails
 * now, with a clear reply, not silently at the first drop); store the subscription, withdrawing the
 * confirmation if that fails; record the baseline; audit; reply. A database failure becomes a clear refusal.
 */
export async function startWatching(
  ctx: CommandContext<BaseSlackDeps>,
  store: SlackStore,
  w: WatchStart,
): Promise<CommandOutcome> {
  try {
    return await watchUnderStore(ctx, store, w);
  } catch (err) {
    if (!(err instanceof StoreDownError)) throw err;
    await ctx.respond(storeDownCard(err.reason, 'watch'));
    return 'error';
  }
}

/** Store calls go through `health.run`, so a database failure arrives here as a StoreDownError. */
async function watchUnderStore(
  ctx: CommandContext<BaseSlackDeps>,
  store: SlackStore,
  w: WatchStart,
): Promise<CommandOutcome> {
  const { health } = ctx.deps;
  const { agent, channel } = w;
  const existing = await health.run(() => store.subscriptions.listByChannel(channel));
  const already = existing.find((s) => s.agentId === agent.id);
  if (already) {
    await ctx.respond(alreadyWatchingCard(agent, channel, already));
    return 'ok';
  }
  const { confirmation, withdrawn, started } = await w.cards();
  const posted = await postToChannel(ctx.deps, channel, confirmation);
  if (!posted.ok) {
    ctx.log.info({ code: posted.code, channelId: channel }, 'watch refused: cannot post in the channel');
    await ctx.respond(cannotPostCard(channel, posted.code));
    return 'error';
  }
  const name = displayName(agent);
  const sub = { channelId: channel, agentId: agent.id, agentName: name, createdBy: ctx.userId, ...w.extra };
  await health
    .run(() => store.subscriptions.add(sub))
    .catch(async (err) => {
      // The channel was told "watching" but the store said no: correct that message rather than leave it.
      if (posted.ts)
        await ctx.deps.client.chat
          .update({ channel, ts: posted.ts, text: withdrawn.text, blocks: withdrawn.blocks })
          .catch((e) => ctx.log.warn({ err: e }, 'could not withdraw the watch confirmation'));
      throw err;
    });
  const at = new Date(ctx.deps.now());
  await w.recordBaseline(at);
  await ctx.deps.audit.record({
    at,
    actor: ctx.userId,
    action: 'watch',
    agent: { id: agent.id, name },
    channel,
    outcome: 'ok',
  });
  await ctx.respond(started);
  return 'ok';
}

type Posted = { ok: true; ts: string } | { ok: false; code: string };

async function postToChannel(deps: BaseSlackDeps, channel: string, card: Card): Promise<Posted> {
  try {
    const res = await deps.client.chat.postMessage({
      channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
    });
    return { ok: true, ts: res.ts ?? '' };
  } catch (err) {
    return { ok: false, code: slackErrorCode(err) };
  }
}
