import type {
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Logger } from '../logger';
import { replayedClickCard } from './blocks';
import { MAX_CLOCK_SKEW_S } from './request-guard';
import { fromBoltRespond } from './responder';

/**
 * A state-changing click or form is carried out once. Slack stamps every click with its own `action_ts`
 * and every submission with its own `trigger_id`, so a request repeating one already handled is a replay:
 * a captured login click sent again after the agent was logged out would otherwise log them in again
 * under the supervisor's name. The signature check bounds a replay to five minutes either side of its
 * timestamp (request-guard.ts), and a key is remembered for as long as that.
 *
 * Kept in memory, per replica, deliberately: the store has no table for it and adding one would put a
 * write on every click's path. With several replicas a replay that lands on another replica within those
 * minutes is not caught here; the per-agent operation guard still stops it while the first change runs,
 * and the audit log records it under the supervisor who made the original click.
 */

/** A request is accepted during the ten minutes around its timestamp; first seen anywhere in them, it is
 * remembered until they are over. */
export const REPLAY_MEMORY_MS = 2 * MAX_CLOCK_SKEW_S * 1000;

/** Bounds memory under a flood of distinct (signed) requests; the oldest keys go first. */
const MAX_KEYS = 100_000;

export interface SeenRequests {
  /** True the first time `key` is seen within the memory window. */
  firstTime(key: string): boolean;
}

export function createSeenRequests(now: () => number, memoryMs = REPLAY_MEMORY_MS): SeenRequests {
  const seen = new Map<string, number>();
  return {
    firstTime(key) {
      const t = now();
      // Insertion order is arrival order, so expired keys are at the front.
      for (const [k, at] of seen) {
        if (t - at < memoryMs && seen.size < MAX_KEYS) break;
        seen.delete(k);
      }
      if (seen.has(key)) return false;
      seen.set(key, t);
      return true;
    },
  };
}

type FormArgs = SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Listener middleware for the buttons (and selects) that change agent state. */
export function oncePerClick<A extends BlockAction>(
  seen: SeenRequests,
  logger: Logger,
): Middleware<SlackActionMiddlewareArgs<A>> {
  return async (args) => {
    const { action, body } = args;
    if (seen.firstTime(`click:${body.user.id}:${action.action_id}:${action.action_ts}`)) return args.next();
    logger.warn({ slackUserId: body.user.id, actionId: action.action_id }, 'replayed click refused');
    await args.ack();
    await fromBoltRespond(args.respond)(replayedClickCard());
  };
}

/** Listener middleware for the forms that change agent state; the modal simply closes on a replay. */
export function oncePerSubmission(seen: SeenRequests, logger: Logger): Middleware<FormArgs> {
  return async (args) => {
    const { body } = args;
    if (!body.trigger_id || seen.firstTime(`form:${body.user.id}:${body.trigger_id}`)) return args.next();
    logger.warn({ slackUserId: body.user.id, callbackId: body.view.callback_id }, 'replayed form refused');
    await args.ack();
  };
}
