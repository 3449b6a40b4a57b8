import { z } from 'zod';
import type { WatcherStateStore } from '../../store/port';
import type { Clock } from '../ports';
import { AGENT_STATE_NAMES, type AgentStatus } from '../sessions/model';
import type { SessionCxonePort } from '../sessions/port';
import { recordBaseline } from './baseline';
import { createCycleEngine } from './cycle';
import type { WatchDialect, WatchedIds, WatchReader } from './dialect';
import type { NoticeSink, WatchEngine, WatchLogger, WatchStore, WatchTuning } from './types';

/**
 * The watcher on a real tenant (the `incontact` dialect): an agent has one state, and is *in* while it has
 * a session — available, unavailable, working on a contact or logged in with no state yet. A drop is a
 * watched agent going LoggedOut; a return, the agent in a session again. The cycle (claims, cursor,
 * delivery, crash safety) is the shared one of cycle.ts.
 */

/** What the watcher remembers of an agent between cycles (stored as JSON; names, never secrets). */
const seenSessionSchema = z.object({
  state: z.enum(AGENT_STATE_NAMES),
  /** When the agent entered the state (ISO 8601). */
  since: z.string(),
  /** The unavailable reason's name. */
  reason: z.string().optional(),
  /** The skill of the contact the agent is working on. */
  skill: z.string().optional(),
});
export type SeenSession = z.infer<typeof seenSessionSchema>;

export function seenOf(status: AgentStatus): SeenSession {
  const seen: SeenSession = { state: status.state, since: status.since.toISOString() };
  if (status.reason) seen.reason = status.reason.name;
  if (status.skill) seen.skill = status.skill.name;
  return seen;
}

/** An agent that was in a session and is now logged out. */
export interface SessionDropEvent {
  agentId: string;
  /** As stored with the subscription, so rendering needs no CXone call. */
  agentName: string;
  /** The state before the drop; absent when delivered again after a failed or interrupted cycle. */
  previous?: SeenSession;
  /** When the drop was seen. Stable across redeliveries: with `agentId` it identifies the notice. */
  at: Date;
  /** When the session ended, as CXone reports it (the LoggedOut state's start). */
  loggedOutAt?: Date;
  /** Claimed by an earlier cycle that did not record a posted message (see DropEvent.redelivery). */
  redelivery?: boolean;
}

/** An agent with an open, posted drop notice that is in a session again. */
export interface SessionReturnEvent {
  agentId: string;
  agentName: string;
  /** ts of the drop notice: reply in its thread and update it. */
  messageTs: string;
  state: SeenSession;
  at: Date;
}

export type SessionWatchNotifier = NoticeSink<SessionDropEvent, SessionReturnEvent>;

export interface SessionWatchEngineOptions extends WatchTuning {
  cxone: Pick<SessionCxonePort, 'getAllAgentStates' | 'getAgentState'>;
  store: WatchStore;
  notifier: SessionWatchNotifier;
  clock: Clock;
  logger: WatchLogger;
}

export function createSessionWatchEngine(opts: SessionWatchEngineOptions): WatchEngine {
  const { cxone, ...rest } = opts;
  return createCycleEngine({ ...rest, dialect: sessionDialect(cxone) });
}

const decodeSeen = (stored: unknown): SeenSession | undefined => {
  const parsed = seenSessionSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
};

/** The agent's state now, as the baseline of a new watch (see baseline.ts). */
export function recordSessionBaseline(
  watcher: Pick<WatcherStateStore, 'getStates' | 'saveStates'>,
  agentId: string,
  status: AgentStatus,
  at: Date,
): Promise<boolean> {
  return recordBaseline(watcher, agentId, seenOf(status), at, (stored) => decodeSeen(stored) !== undefined);
}

function sessionDialect(
  cxone: SessionWatchEngineOptions['cxone'],
): WatchDialect<SeenSession, SessionDropEvent, SessionReturnEvent> {
  return {
    reader: sessionReader(cxone),
    decode: decodeSeen,
    same: (a, b) =>
      a.state === b.state && a.since === b.since && a.reason === b.reason && a.skill === b.skill,
    isIn: (s) => s.state !== 'LoggedOut',
    lastSkill: () => undefined,
    events: async () => ({
      drop(notice, agentName, { previous, current }, redelivery) {
        const event: SessionDropEvent = { agentId: notice.agentId, agentName, at: notice.droppedAt };
        if (previous) event.previous = previous;
        if (current?.state === 'LoggedOut') event.loggedOutAt = new Date(current.since);
        if (redelivery) event.redelivery = true;
        return event;
      },
      back: (notice, agentName, state, at) => ({
        agentId: notice.agentId,
        agentName,
        messageTs: notice.messageTs,
        state,
        at,
      }),
    }),
  };
}

/**
 * The bulk read lists every agent with its one state (LoggedOut included); with `updatedSince`, only those
 * that changed, and "no change" (200-empty, 204, 304) arrives as `unchanged`. An agent a snapshot leaves out
 * is one the API user may not see: it is kept as last known, never taken for logged out.
 */
function sessionReader(cxone: SessionWatchEngineOptions['cxone']): WatchReader<SeenSession> {
  return {
    async changes(cursor, watched) {
      const page = await cxone.getAllAgentStates(cursor);
      return { states: page.unchanged ? new Map() : pick(page.states, watched), cursor: page.lastPollTime };
    },
    async snapshot(watched) {
      const page = await cxone.getAllAgentStates();
      return { states: pick(page.states, watched), cursor: page.lastPollTime };
    },
    one: async (agentId) => seenOf(await cxone.getAgentState(agentId)),
  };
}

/** The watched agents' states; an agent listed twice (it changed while pages were read) by its latest. */
function pick(states: readonly AgentStatus[], watched: WatchedIds): Map<string, SeenSession> {
  const latest = new Map<string, AgentStatus>();
  for (const status of states) {
    const id = watched.get(status.agentId.toLowerCase());
    if (id === undefined) continue;
    const before = latest.get(id);
    if (!before || status.since >= before.since) latest.set(id, status);
  }
  return new Map([...latest].map(([id, status]) => [id, seenOf(status)]));
}
