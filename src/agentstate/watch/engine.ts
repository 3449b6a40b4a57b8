import type { AgentState } from '../model';
import { createCycleEngine } from './cycle';
import type { WatchDialect } from './dialect';
import { lastSkillOf, sameStates } from './diff';
import { skillNamer } from './skill-names';
import type { DropEvent, ReturnEvent, WatchEngine, WatchEngineOptions } from './types';
import { v2Reader } from './v2-reader';

export {
  DEFAULT_FALLBACK_MS,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_NEW_AGENT_READ_LIMIT,
  DEFAULT_PER_AGENT_CONCURRENCY,
  DEFAULT_RATE_LIMIT_WAIT_MS,
} from './cycle';

/**
 * The watcher over the tutorial's API (`v2`): an agent is in while it is logged in to at least one skill,
 * and drops when it is logged in to none. The cycle itself (claims, cursor, delivery, crash safety) is the
 * shared one of cycle.ts.
 */
export function createWatchEngine(opts: WatchEngineOptions): WatchEngine {
  const { cxone, catalog, ...rest } = opts;
  return createCycleEngine({ ...rest, dialect: v2Dialect(cxone, catalog, opts.logger) });
}

function v2Dialect(
  cxone: WatchEngineOptions['cxone'],
  catalog: WatchEngineOptions['catalog'],
  logger: WatchEngineOptions['logger'],
): WatchDialect<AgentState[], DropEvent, ReturnEvent> {
  return {
    reader: v2Reader(cxone),
    // Written by this dialect from validated AgentState values; not re-validated on the hot path. Anything
    // but a list is another dialect's record.
    decode: (stored) => (Array.isArray(stored) ? (stored as AgentState[]) : undefined),
    same: sameStates,
    isIn: (states) => states.length > 0,
    lastSkill: lastSkillOf,
    async events(plan) {
      const skillName = await skillNamer(catalog, plan, logger);
      return {
        drop(notice, agentName, { previous }, redelivery) {
          const lastSkillId = notice.lastSkill ?? '';
          const event: DropEvent = {
            agentId: notice.agentId,
            agentName,
            lastSkillId,
            previousStates: previous ?? [],
            at: notice.droppedAt,
          };
          const name = skillName(lastSkillId);
          if (name !== undefined) event.lastSkillName = name;
          if (redelivery) event.redelivery = true;
          return event;
        },
        back: (notice, agentName, current, at) => ({
          agentId: notice.agentId,
          agentName,
          messageTs: notice.messageTs,
          states: current,
          at,
        }),
      };
    },
  };
}
