import type { webApi } from '@slack/bolt';
import type { AgentState } from '../agentstate/model';
import type { Clock } from '../agentstate/ports';
import type { AgentStateService } from '../agentstate/types';
import type { DropEvent, ReturnEvent, WatchNotifier } from '../agentstate/watch';
import type { Logger } from '../logger';
import type { SubscriptionStore, WatcherStateStore } from '../store/port';
import {
  type BackView,
  backReplyCard,
  type Card,
  type DropView,
  digestCard,
  dropCard,
  partlyResolvedDigestCard,
  resolvedDropCard,
} from './blocks';
import { type ChannelPacer, createChannelPacer } from './channel-pacer';

/**
 * The watcher's notices in Slack (the `WatchNotifier` port of agentstate/watch): one message per dropped
 * agent with a "Log back in" button, or one digest when more than DIGEST_THRESHOLD drop in one channel in
 * one cycle; agents back → one reply per drop message's thread, and the parent edited to a resolved
 * version without the button. Posts are paced per channel (channel-pacer.ts).
 */

/**
 * More drops than this in one channel and cycle become one digest message: a channel gets at most one new
 * message per watch cycle, however many agents drop at 8 a.m.
 */
export const DIGEST_THRESHOLD = 1;

export interface SlackWatchNotifierOptions {
  client: webApi.WebClient;
  /** Names skills and activities the events carry only as ids. Optional: ids are shown without it. */
  service?: Pick<AgentStateService, 'listSkills' | 'listActivities'>;
  /**
   * Lets the parent of a digest be edited correctly when only some of its agents are back (which agents of
   * that message are still out, and their names). Without it a returning agent resolves its whole message.
   */
  store?: {
    watcher: Pick<WatcherStateStore, 'openDrops'>;
    subscriptions: Pick<SubscriptionStore, 'listByChannel'>;
  };
  logger: Logger;
  clock: Clock;
  /** Default one message per second per channel. */
  pacer?: ChannelPacer;
}

interface Names {
  skill(id: string): string | undefined;
  activity(id: string): string | undefined;
}

export function createSlackWatchNotifier(opts: SlackWatchNotifierOptions): WatchNotifier {
  const { client, logger } = opts;
  const pacer = opts.pacer ?? createChannelPacer(opts.clock);

  async function post(channel: string, card: Card, threadTs?: string): Promise<string> {
    const res = await pacer.run(channel, () =>
      client.chat.postMessage({
        channel,
        text: card.text,
        blocks: card.blocks,
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    return res.ts ?? '';
  }

  return {
    /**
     * A `redelivery` is posted again like a first delivery: the app has no history scope to look for its
     * earlier message, and a possible duplicate is better than a drop nobody hears about.
     */
    async dropped(channelId, drops) {
      const names = drops.some((d) => !d.lastSkillName && d.lastSkillId) ? await loadNames(opts) : NO_NAMES;
      const views = drops.map((d) => dropView(d, names));
      // One message per channel and cycle: the agent's own card, or a digest of several. If Slack refuses
      // it the throw means none was posted, and the engine offers every one of them again next cycle.
      const card = views.length > DIGEST_THRESHOLD ? digestCard(views) : dropCard(views[0]!);
      const ts = await post(channelId, card);
      return views.map((v) => ({ agentId: v.agentId, messageTs: ts }));
    },

    /**
     * One reply per drop message (a digest's agents back in the same cycle share it), paced like any post;
     * all are attempted, and any failure is thrown so the engine offers those returns again.
     */
    async returned(channelId, returns) {
      const names = await loadNames(opts);
      const backs = new Map(returns.map((r) => [r.agentId, backView(r, names)]));
      let failure: unknown;
      for (const [ts, group] of groupByMessage(returns)) {
        const groupBacks = group.map((r) => backs.get(r.agentId)!);
        await post(channelId, backReplyCard(groupBacks), ts).catch((err) => {
          failure ??= err;
          logger.warn({ err, channelId, ts }, 'return reply not posted');
        });
        await resolveParent(opts, channelId, ts, group, groupBacks, names).catch((err) =>
          logger.warn({ err, channelId, ts }, 'could not update the drop message'),
        );
      }
      if (failure) throw failure;
    },
  };
}

/** Edits the drop message: resolved when nobody in it is still out, else a digest of those still out. */
async function resolveParent(
  opts: SlackWatchNotifierOptions,
  channel: string,
  ts: string,
  returning: ReturnEvent[],
  backs: BackView[],
  names: Names,
): Promise<void> {
  const stillOut = await stillOutIn(opts, channel, ts, returning, names);
  const card = stillOut.length ? partlyResolvedDigestCard(stillOut, backs) : resolvedDropCard(backs);
  await opts.client.chat.update({ channel, ts, text: card.text, blocks: card.blocks });
}

async function stillOutIn(
  opts: SlackWatchNotifierOptions,
  channel: string,
  ts: string,
  returning: ReturnEvent[],
  names: Names,
): Promise<DropView[]> {
  if (!opts.store) return [];
  const back = new Set(returning.map((r) => r.agentId));
  // The engine resolves the notices after this call returns, so the returning agents are still open here.
  const open = (await opts.store.watcher.openDrops({ channelId: channel })).filter(
    (n) => n.messageTs === ts && !back.has(n.agentId),
  );
  if (open.length === 0) return [];
  const subs = await opts.store.subscriptions.listByChannel(channel);
  const nameOf = new Map(subs.map((s) => [s.agentId, s.agentName]));
  return open.map((n) => {
    const lastSkillName = n.lastSkill ? names.skill(n.lastSkill) : undefined;
    return {
      agentId: n.agentId,
      agentName: nameOf.get(n.agentId) ?? n.agentId,
      lastSkillId: n.lastSkill ?? '',
      ...(lastSkillName ? { lastSkillName } : {}),
      at: n.droppedAt,
    };
  });
}

function groupByMessage(returns: ReturnEvent[]): Map<string, ReturnEvent[]> {
  const groups = new Map<string, ReturnEvent[]>();
  for (const r of returns) groups.set(r.messageTs, [...(groups.get(r.messageTs) ?? []), r]);
  return groups;
}

function dropView(d: DropEvent, names: Names): DropView {
  const lastSkillName = d.lastSkillName ?? (d.lastSkillId ? names.skill(d.lastSkillId) : undefined);
  return {
    agentId: d.agentId,
    agentName: d.agentName,
    lastSkillId: d.lastSkillId,
    ...(lastSkillName ? { lastSkillName } : {}),
    at: d.at,
  };
}

/** The latest login is the one to name; the others are counted. */
function backView(r: ReturnEvent, names: Names): BackView {
  const latest = [...r.states].sort((a, b) => b.loginTime.localeCompare(a.loginTime))[0] as
    | AgentState
    | undefined;
  return {
    agentName: r.agentName,
    skillName: latest ? (names.skill(latest.skillId) ?? latest.skillId) : 'a skill',
    activityName: latest ? (names.activity(latest.activityId) ?? latest.activityId) : 'unknown',
    more: Math.max(0, r.states.length - 1),
    at: r.at,
  };
}

const NO_NAMES: Names = { skill: () => undefined, activity: () => undefined };

/** Best effort: a notice with ids is better than no notice because the catalog could not be read. */
async function loadNames(opts: SlackWatchNotifierOptions): Promise<Names> {
  if (!opts.service) return NO_NAMES;
  try {
    const [skills, activities] = await Promise.all([
      opts.service.listSkills(),
      opts.service.listActivities(),
    ]);
    const skill = new Map(skills.map((s) => [s.id.toLowerCase(), s.name]));
    const activity = new Map(activities.map((a) => [a.id.toLowerCase(), a.name]));
    return { skill: (id) => skill.get(id.toLowerCase()), activity: (id) => activity.get(id.toLowerCase()) };
  } catch (err) {
    opts.logger.warn({ err }, 'watch notices: could not read skill and activity names');
    return NO_NAMES;
  }
}
