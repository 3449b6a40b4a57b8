import type { Subscription } from '../../store/port';
import { mapBounded } from './concurrency';
import type { NoticeEvents } from './dialect';
import { type ChannelPlan, type DeliveryPlan, noticeKey, type PendingDrop, type PendingReturn } from './plan';
import type { NoticeSink, WatchLogger, WatchStore } from './types';

/**
 * Channels notified at once. Slack allows about one message per second per channel and the notifier paces
 * itself per channel, so channels proceed in parallel — but not all twenty at once, to stay clear of
 * workspace-wide bursts.
 */
const CHANNEL_CONCURRENCY = 5;

export interface DeliveryContext<S, D, R> {
  store: WatchStore;
  notifier: NoticeSink<D, R>;
  logger: WatchLogger;
  now: Date;
  subscribed: ReadonlyMap<string, Subscription>;
  /** Current states of the watched agents, by agent. */
  current: ReadonlyMap<string, S>;
  /** States before this cycle's drops, by agent. */
  previous: ReadonlyMap<string, S>;
  /** How the dialect draws its events. */
  events: NoticeEvents<S, D, R>;
}

export interface DeliveryOutcome {
  notifications: number;
  undelivered: number;
  returnedAgents: Set<string>;
}

/**
 * Carries out a plan. Each step is recorded only after the notifier succeeded — drop: post, then attach the
 * ts; return: reply, then resolve — so a failure leaves the notice as it was and the next cycle plans the
 * same step again. One channel's failure does not hold back the others.
 */
export async function deliver<S, D, R>(
  plan: DeliveryPlan<S>,
  ctx: DeliveryContext<S, D, R>,
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { notifications: 0, undelivered: 0, returnedAgents: new Set() };
  if (plan.cancel.length) await ctx.store.watcher.resolveDropNotices(plan.cancel, ctx.now);
  await mapBounded([...plan.byChannel], CHANNEL_CONCURRENCY, async ([channelId, work]) => {
    await deliverChannel(channelId, work, ctx, outcome);
  });
  return outcome;
}

async function deliverChannel<S, D, R>(
  channelId: string,
  work: ChannelPlan<S>,
  ctx: DeliveryContext<S, D, R>,
  out: DeliveryOutcome,
) {
  if (work.drops.length) await deliverDrops(channelId, work.drops, ctx, out);
  if (work.returns.length) await deliverReturns(channelId, work.returns, ctx, out);
}

/** Notifier failures are expected (Slack down, channel archived) and retried; store failures fail the cycle. */
async function notify<T>(call: () => Promise<T>, onFailure: (err: unknown) => void): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    onFailure(err);
    return undefined;
  }
}

async function deliverDrops<S, D, R>(
  channelId: string,
  drops: PendingDrop[],
  ctx: DeliveryContext<S, D, R>,
  out: DeliveryOutcome,
) {
  const events = drops.map(({ notice, redelivery }) =>
    ctx.events.drop(
      notice,
      agentName(channelId, notice.agentId, ctx),
      {
        previous: redelivery ? undefined : ctx.previous.get(notice.agentId),
        current: ctx.current.get(notice.agentId),
      },
      redelivery,
    ),
  );
  const posted = await notify(
    () => ctx.notifier.dropped(channelId, events),
    (err) =>
      ctx.logger.warn(
        { err, channelId, agents: events.length },
        'watch: drop notice not posted; retrying next cycle',
      ),
  );
  if (!posted) {
    out.undelivered += events.length;
    return;
  }
  out.notifications++;
  const wanted = new Set(drops.map((d) => d.notice.agentId));
  const accepted = posted.filter((p) => wanted.has(p.agentId) && p.messageTs !== '');
  await ctx.store.watcher.attachDropMessages(accepted.map((p) => ({ channelId, ...p })));
  out.undelivered += wanted.size - new Set(accepted.map((p) => p.agentId)).size;
}

async function deliverReturns<S, D, R>(
  channelId: string,
  returns: PendingReturn<S>[],
  ctx: DeliveryContext<S, D, R>,
  out: DeliveryOutcome,
) {
  const events = returns.map(({ notice, current }) =>
    ctx.events.back(notice, agentName(channelId, notice.agentId, ctx), current, ctx.now),
  );
  for (const r of returns) out.returnedAgents.add(r.notice.agentId);
  const done = await notify(
    async () => {
      await ctx.notifier.returned(channelId, events);
      return true;
    },
    (err) =>
      ctx.logger.warn(
        { err, channelId, agents: events.length },
        'watch: return reply not posted; retrying next cycle',
      ),
  );
  if (!done) {
    out.undelivered += events.length;
    return;
  }
  out.notifications++;
  const keys = returns.map((r) => ({ channelId, agentId: r.notice.agentId }));
  await ctx.store.watcher.resolveDropNotices(keys, ctx.now);
}

function agentName<S, D, R>(channelId: string, agentId: string, ctx: DeliveryContext<S, D, R>): string {
  return ctx.subscribed.get(noticeKey(channelId, agentId))?.agentName ?? agentId;
}
