import type { DropNotice, Subscription } from '../../store/port';
import type { AgentState } from '../model';
import { mapBounded } from './concurrency';
import { type ChannelPlan, type DeliveryPlan, noticeKey, type PendingDrop } from './plan';
import type { DropEvent, ReturnEvent, WatchLogger, WatchNotifier, WatchStore } from './types';

/**
 * Channels notified at once. Slack allows about one message per second per channel and the notifier paces
 * itself per channel, so channels proceed in parallel — but not all twenty at once, to stay clear of
 * workspace-wide bursts.
 */
const CHANNEL_CONCURRENCY = 5;

export interface DeliveryContext {
  store: WatchStore;
  notifier: WatchNotifier;
  logger: WatchLogger;
  now: Date;
  subscribed: ReadonlyMap<string, Subscription>;
  current: ReadonlyMap<string, AgentState[]>;
  /** States before this cycle's drops, by agent. */
  previous: ReadonlyMap<string, AgentState[]>;
  skillName(skillId: string): string | undefined;
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
export async function deliver(plan: DeliveryPlan, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { notifications: 0, undelivered: 0, returnedAgents: new Set() };
  if (plan.cancel.length) await ctx.store.watcher.resolveDropNotices(plan.cancel, ctx.now);
  await mapBounded([...plan.byChannel], CHANNEL_CONCURRENCY, async ([channelId, work]) => {
    await deliverChannel(channelId, work, ctx, outcome);
  });
  return outcome;
}

async function deliverChannel(
  channelId: string,
  work: ChannelPlan,
  ctx: DeliveryContext,
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

async function deliverDrops(
  channelId: string,
  drops: PendingDrop[],
  ctx: DeliveryContext,
  out: DeliveryOutcome,
) {
  const events = drops.map((d) => dropEvent(d, ctx));
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
  const wanted = new Set(events.map((e) => e.agentId));
  const accepted = posted.filter((p) => wanted.has(p.agentId) && p.messageTs !== '');
  await ctx.store.watcher.attachDropMessages(accepted.map((p) => ({ channelId, ...p })));
  out.undelivered += wanted.size - new Set(accepted.map((p) => p.agentId)).size;
}

async function deliverReturns(
  channelId: string,
  notices: DropNotice[],
  ctx: DeliveryContext,
  out: DeliveryOutcome,
) {
  const events: ReturnEvent[] = notices.map((n) => ({
    agentId: n.agentId,
    agentName: agentName(channelId, n.agentId, ctx),
    messageTs: n.messageTs,
    states: ctx.current.get(n.agentId) ?? [],
    at: ctx.now,
  }));
  for (const e of events) out.returnedAgents.add(e.agentId);
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
  const keys = events.map((e) => ({ channelId, agentId: e.agentId }));
  await ctx.store.watcher.resolveDropNotices(keys, ctx.now);
}

function agentName(channelId: string, agentId: string, ctx: DeliveryContext): string {
  return ctx.subscribed.get(noticeKey(channelId, agentId))?.agentName ?? agentId;
}

function dropEvent({ notice, redelivery }: PendingDrop, ctx: DeliveryContext): DropEvent {
  const lastSkillId = notice.lastSkill ?? '';
  const event: DropEvent = {
    agentId: notice.agentId,
    agentName: agentName(notice.channelId, notice.agentId, ctx),
    lastSkillId,
    previousStates: redelivery ? [] : (ctx.previous.get(notice.agentId) ?? []),
    at: notice.droppedAt,
  };
  const name = ctx.skillName(lastSkillId);
  if (name !== undefined) event.lastSkillName = name;
  if (redelivery) event.redelivery = true;
  return event;
}
