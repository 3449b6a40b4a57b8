import type { webApi } from '@slack/bolt';
import type { AgentState } from '../agentstate/model';
import type { Clock } from '../agentstate/ports';
import type { AgentStateService } from '../agentstate/types';
import type { DropEvent, NoticeSink, ReturnEvent, WatchNotifier } from '../agentstate/watch';
import type { Logger } from '../logger';
import type { AuditLog, DropNotice, SubscriptionStore, WatcherStateStore, WatchMention } from '../store/port';
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
import { watchMention } from './blocks/mrkdwn';
import { type ChannelPacer, createChannelPacer } from './channel-pacer';

/**
 * The watcher's notices in Slack: the mechanics every dialect shares (`createNoticeNotifier`) and the
 * tutorial dialect's cards (`createSlackWatchNotifier`). The incontact dialect's cards are in
 * `sessions/watch-notifier.ts`.
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
  store?: NoticeStore;
  logger: Logger;
  clock: Clock;
  /** Default one message per second per channel. */
  pacer?: ChannelPacer;
}

/** Which notices of a message are still open, and the names their channel knows the agents by. */
export interface NoticeStore {
  watcher: Pick<WatcherStateStore, 'openDrops'>;
  subscriptions: Pick<SubscriptionStore, 'listByChannel'>;
  /** Who logged a returning agent back in through the app ("Logged back in by @sam"). */
  audit?: Pick<AuditLog, 'latest'>;
}

interface Names {
  skill(id: string): string | undefined;
  activity(id: string): string | undefined;
}

/** A notice of the same message whose agent is still out when others of it come back. */
export interface StillOut {
  notice: DropNotice;
  /** From the channel's subscription (the agent id when it has none any more). */
  agentName: string;
}

/** The cards of one dialect's notices; the posting, pacing, threading and editing are the same for all. */
export interface NoticeCards<D, R> {
  /** The one message of a cycle for a channel: one agent's card, or a digest of several. */
  drops(drops: D[], channelId: string): Promise<Card>;
  /** Called once per `returned` call (it may read names first); draws each drop message's thread reply and parent. */
  returns(returns: R[], channelId: string): Promise<ReturnCards<R>>;
}

export interface ReturnCards<R> {
  /** The thread reply naming everyone of one message who is back. */
  reply(group: R[]): Card;
  /** The message itself once they are back: resolved, or a digest of those still out. */
  parent(group: R[], stillOut: StillOut[]): Card;
}

export interface NoticeNotifierOptions<D, R> {
  client: webApi.WebClient;
  cards: NoticeCards<D, R>;
  /** Lets the parent of a digest be edited correctly when only some of its agents are back. */
  store?: NoticeStore;
  logger: Logger;
  clock: Clock;
  /** Default one message per second per channel. */
  pacer?: ChannelPacer;
}

/**
 * The watcher's notices in Slack, whatever the dialect (the `NoticeSink` port of agentstate/watch): one
 * message per channel and cycle, paced per channel (channel-pacer.ts); agents back → one reply per drop
 * message's thread, and the parent edited by the dialect's cards.
 */
export function createNoticeNotifier<
  D extends { agentId: string },
  R extends { agentId: string; messageTs: string },
>(opts: NoticeNotifierOptions<D, R>): NoticeSink<D, R> {
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
      // One message per channel and cycle, the agent's own card or a digest of several. If Slack refuses
      // it the throw means none was posted, and the engine offers every one of them again next cycle.
      const ts = await post(channelId, await opts.cards.drops(drops, channelId));
      return drops.map((d) => ({ agentId: d.agentId, messageTs: ts }));
    },

    /**
     * One reply per drop message (a digest's agents back in the same cycle share it), paced like any post;
     * all are attempted, and any failure is thrown so the engine offers those returns again.
     */
    async returned(channelId, returns) {
      const cards = await opts.cards.returns(returns, channelId);
      let failure: unknown;
      for (const [ts, group] of groupByMessage(returns)) {
        await post(channelId, cards.reply(group), ts).catch((err) => {
          failure ??= err;
          logger.warn({ err, channelId, ts }, 'return reply not posted');
        });
        await resolveParent(opts, channelId, ts, group, cards).catch((err) =>
          logger.warn({ err, channelId, ts }, 'could not update the drop message'),
        );
      }
      if (failure) throw failure;
    },
  };
}

/**
 * The tutorial dialect's notices: one message per dropped agent with a "Log back in" button, or one digest
 * when more than DIGEST_THRESHOLD drop in one channel in one cycle; agents back → the reply names the skill
 * and activity, and the parent is edited to a resolved version without the button.
 */
export function createSlackWatchNotifier(opts: SlackWatchNotifierOptions): WatchNotifier {
  return createNoticeNotifier<DropEvent, ReturnEvent>({ ...opts, cards: v2Cards(opts) });
}

function v2Cards(opts: SlackWatchNotifierOptions): NoticeCards<DropEvent, ReturnEvent> {
  return {
    async drops(drops, channelId) {
      const names = drops.some((d) => !d.lastSkillName && d.lastSkillId) ? await loadNames(opts) : NO_NAMES;
      const mentions = await mentionsIn(opts, channelId);
      const views = drops.map((d) => {
        const mention = mentions.get(d.agentId);
        return { ...dropView(d, names), ...(mention ? { mention: watchMention(mention) } : {}) };
      });
      return views.length > DIGEST_THRESHOLD ? digestCard(views) : dropCard(views[0]!);
    },
    async returns(returns, channelId) {
      const [names, by] = await Promise.all([loadNames(opts), loggedBackInBy(opts, channelId, returns)]);
      const backs = new Map(
        returns.map((r) => {
          const who = by.get(r.agentId);
          return [r.agentId, { ...backView(r, names), ...(who ? { by: who } : {}) }];
        }),
      );
      const backsOf = (group: ReturnEvent[]) => group.map((r) => backs.get(r.agentId)!);
      return {
        reply: (group) => backReplyCard(backsOf(group)),
        parent: (group, stillOut) =>
          stillOut.length
            ? partlyResolvedDigestCard(
                stillOut.map((s) => stillOutView(s, names)),
                backsOf(group),
              )
            : resolvedDropCard(backsOf(group)),
      };
    },
  };
}

/** How far back in an agent's audit entries the login that fixed a drop is looked for. */
const AUDIT_LOOKBACK = 10;

/**
 * Who logged each returning agent back in through the app: the latest `login` in the audit log for that
 * agent since its drop, when that login was verified. A return with no such entry (the agent logged in
 * themselves, or in CXone) names nobody. Best effort: the notice is posted without a name when the store
 * cannot be read.
 */
async function loggedBackInBy(
  opts: SlackWatchNotifierOptions,
  channelId: string,
  returns: ReturnEvent[],
): Promise<Map<string, string>> {
  const by = new Map<string, string>();
  const store = opts.store;
  if (!store?.audit) return by;
  const audit = store.audit;
  try {
    // The engine resolves the notices after `returned`, so the returning agents' drops are still open here.
    const open = await store.watcher.openDrops({ channelId });
    for (const r of returns) {
      const drop = open.find((n) => n.agentId === r.agentId && n.messageTs === r.messageTs);
      if (!drop) continue;
      const entries = await audit.latest({ agentId: r.agentId, limit: AUDIT_LOOKBACK });
      const login = entries.find((e) => e.action === 'login' && e.at.getTime() >= drop.droppedAt.getTime());
      if (login?.outcome === 'verified') by.set(r.agentId, login.actor);
    }
  } catch (err) {
    opts.logger.warn({ err, channelId }, 'watch notices: could not read who logged the agent back in');
  }
  return by;
}

/**
 * Who each watch of the channel asked to mention. Best effort: a notice that mentions nobody is better than
 * no notice because the store could not be read.
 */
async function mentionsIn(opts: SlackWatchNotifierOptions, channelId: string) {
  try {
    const subs = opts.store ? await opts.store.subscriptions.listByChannel(channelId) : [];
    return new Map(subs.flatMap((s) => (s.mention ? [[s.agentId, s.mention] as const] : [])));
  } catch (err) {
    opts.logger.warn({ err, channelId }, 'watch notices: could not read whom to mention');
    return new Map<string, WatchMention>();
  }
}

/** Edits the drop message: resolved when nobody in it is still out, else a digest of those still out. */
async function resolveParent<R extends { agentId: string }>(
  opts: { client: webApi.WebClient; store?: NoticeStore },
  channel: string,
  ts: string,
  returning: R[],
  cards: ReturnCards<R>,
): Promise<void> {
  const card = cards.parent(returning, await stillOutIn(opts.store, channel, ts, returning));
  await opts.client.chat.update({ channel, ts, text: card.text, blocks: card.blocks });
}

async function stillOutIn(
  store: NoticeStore | undefined,
  channel: string,
  ts: string,
  returning: ReadonlyArray<{ agentId: string }>,
): Promise<StillOut[]> {
  if (!store) return [];
  const back = new Set(returning.map((r) => r.agentId));
  // The engine resolves the notices after this call returns, so the returning agents are still open here.
  const open = (await store.watcher.openDrops({ channelId: channel })).filter(
    (n) => n.messageTs === ts && !back.has(n.agentId),
  );
  if (open.length === 0) return [];
  const subs = await store.subscriptions.listByChannel(channel);
  const nameOf = new Map(subs.map((s) => [s.agentId, s.agentName]));
  return open.map((notice) => ({ notice, agentName: nameOf.get(notice.agentId) ?? notice.agentId }));
}

function stillOutView({ notice: n, agentName }: StillOut, names: Names): DropView {
  const lastSkillName = n.lastSkill ? names.skill(n.lastSkill) : undefined;
  return {
    agentId: n.agentId,
    agentName,
    lastSkillId: n.lastSkill ?? '',
    ...(lastSkillName ? { lastSkillName } : {}),
    at: n.droppedAt,
  };
}

function groupByMessage<R extends { messageTs: string }>(returns: R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
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
