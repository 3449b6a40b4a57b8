import type { DropNotice } from '../../store/port';
import type { DeliveryPlan } from './plan';

/**
 * What the watch cycle needs to know about one CXone dialect. Everything else — subscriptions, the cursor,
 * claims before saves, delivery, pacing, crash safety (cycle.ts, deliver.ts, plan.ts) — is the same for
 * every dialect, and so is written once.
 *
 * `S` is what the watcher remembers of one agent between cycles (stored as JSON in the known-states
 * table): in v2 the agent's skill logins, in incontact its one state. `D` and `R` are the drop and return
 * events the dialect's notifier draws.
 */
export interface WatchDialect<S, D, R> {
  /** The dialect's reads of CXone; the shared fetcher (fetch-states.ts) decides which to make. */
  reader: WatchReader<S>;
  /**
   * A stored record back into `S`; `undefined` when it is not this dialect's shape (a row written before
   * the app was switched to another dialect): the agent is then treated as never seen.
   */
  decode(stored: unknown): S | undefined;
  /** Nothing a supervisor would care about changed. */
  same(a: S, b: S): boolean;
  /** In (v2: in at least one skill; incontact: in a session). In → out is a drop; back in is a return. */
  isIn(s: S): boolean;
  /** What the drop notice keeps of the agent's last state (v2: the skill of its latest login). */
  lastSkill(previous: S): string | undefined;
  /** How this cycle's events are drawn; may read names first (at most once per cycle). */
  events(plan: DeliveryPlan<S>): Promise<NoticeEvents<S, D, R>>;
}

export interface NoticeEvents<S, D, R> {
  /**
   * `previous` is absent for a redelivery: the cycle that saw the drop is gone, and its states with it.
   * `current` is the agent's state now (out), when known.
   */
  drop(
    notice: DropNotice,
    agentName: string,
    states: { previous: S | undefined; current: S | undefined },
    redelivery: boolean,
  ): D;
  back(notice: DropNotice, agentName: string, current: S, at: Date): R;
}

/** Watched agent ids by their lower-case form (CXone's UUIDs compare case-insensitively). */
export type WatchedIds = ReadonlyMap<string, string>;

export function watchedIds(watched: readonly string[]): WatchedIds {
  return new Map(watched.map((id) => [id.toLowerCase(), id]));
}

export interface StatesPage<S> {
  /** Keyed by the watched id as the subscription spells it. */
  states: Map<string, S>;
  /** The next `updatedSince`. */
  cursor: string;
}

/** One dialect's agent-state reads. Each method is one call to the CXone port (which may page). */
export interface WatchReader<S> {
  /**
   * The bulk read since `cursor`: the watched agents that changed. A rejected cursor throws
   * BadRequestError or InvalidInputError (the fetcher then reads a snapshot).
   */
  changes(cursor: string, watched: WatchedIds): Promise<StatesPage<S>>;
  /** The bulk read without a cursor. A watched agent the dialect can vouch for is in the map. */
  snapshot(watched: WatchedIds): Promise<StatesPage<S>>;
  /** One agent's current state; NotFoundError when CXone does not know the agent. */
  one(agentId: string): Promise<S>;
}
