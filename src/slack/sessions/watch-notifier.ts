import type { webApi } from '@slack/bolt';
import type { Clock } from '../../agentstate/ports';
import type { Capability } from '../../agentstate/sessions';
import type { SessionDropEvent, SessionReturnEvent, SessionWatchNotifier } from '../../agentstate/watch';
import type { Logger } from '../../logger';
import type { ChannelPacer } from '../channel-pacer';
import {
  createNoticeNotifier,
  DIGEST_THRESHOLD,
  type NoticeCards,
  type NoticeStore,
  type StillOut,
} from '../watch-notifier';
import {
  type SessionBackView,
  type SessionDropView,
  sessionBackReplyCard,
  sessionDigestCard,
  sessionDropCard,
  sessionPartlyResolvedCard,
  sessionResolvedDropCard,
} from './drop-cards';

export interface SessionWatchNotifierOptions {
  client: webApi.WebClient;
  /** The session service's: decides between "Log in" (start_session) and "Ask <name> to log in". */
  capabilities: readonly Capability[];
  /** Lets the parent of a digest be edited correctly when only some of its agents are back. */
  store?: NoticeStore;
  logger: Logger;
  clock: Clock;
  /** Default one message per second per channel. */
  pacer?: ChannelPacer;
}

/**
 * The watcher's notices on a real tenant: the shared Slack mechanics (one message per channel and cycle,
 * paced; returns as thread replies with the parent edited) with the session model's cards. Everything the
 * cards show travels in the events, so no CXone call is made here.
 */
export function createSessionWatchNotifier(opts: SessionWatchNotifierOptions): SessionWatchNotifier {
  return createNoticeNotifier<SessionDropEvent, SessionReturnEvent>({ ...opts, cards: sessionCards(opts) });
}

function sessionCards({
  capabilities,
}: SessionWatchNotifierOptions): NoticeCards<SessionDropEvent, SessionReturnEvent> {
  return {
    async drops(drops) {
      const views = drops.map(dropView);
      return views.length > DIGEST_THRESHOLD
        ? sessionDigestCard(views, capabilities)
        : sessionDropCard(views[0]!, capabilities);
    },
    async returns() {
      return {
        reply: (group) => sessionBackReplyCard(group.map(backView)),
        parent: (group, stillOut) =>
          stillOut.length
            ? sessionPartlyResolvedCard(stillOut.map(stillOutView), group.map(backView), capabilities)
            : sessionResolvedDropCard(group.map(backView)),
      };
    },
  };
}

function dropView(d: SessionDropEvent): SessionDropView {
  return {
    agentId: d.agentId,
    agentName: d.agentName,
    at: d.at,
    ...(d.loggedOutAt ? { loggedOutAt: d.loggedOutAt } : {}),
    ...(d.previous ? { previous: d.previous } : {}),
  };
}

function backView(r: SessionReturnEvent): SessionBackView {
  return { agentName: r.agentName, state: r.state, at: r.at };
}

function stillOutView({ notice, agentName }: StillOut): SessionDropView {
  return { agentId: notice.agentId, agentName, at: notice.droppedAt };
}
