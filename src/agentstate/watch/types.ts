import type { Logger } from '../../logger';
import type { SubscriptionStore, WatcherStateStore } from '../../store/port';
import type { Catalog } from '../catalog';
import type { AgentState } from '../model';
import type { Clock, CxonePort } from '../ports';

/** An agent that was in at least one skill and is now in none. */
export interface DropEvent {
  agentId: string;
  /** As stored with the subscription, so rendering needs no CXone call. */
  agentName: string;
  /** The skill the agent was last in (latest login): the default target of "Log back in". */
  lastSkillId: string;
  /** Absent when the skill list could not be read (e.g. no Skills-Read scope). */
  lastSkillName?: string;
  /** States before the drop; empty when the notice is delivered again after a failed or interrupted cycle. */
  previousStates: AgentState[];
  /** When the drop was seen. Stable across redeliveries: with `agentId` it identifies the notice. */
  at: Date;
  /**
   * True when the notice was claimed by an earlier cycle that did not record a posted message. Usually that
   * cycle failed before posting, but a process killed between Slack accepting the message and the store
   * recording its ts looks the same: a notifier may look for its earlier message before posting again.
   */
  redelivery?: boolean;
}

/** An agent with an open, posted drop notice that is in a skill again. */
export interface ReturnEvent {
  agentId: string;
  agentName: string;
  /** ts of the drop notice: reply in its thread and update it. */
  messageTs: string;
  states: AgentState[];
  at: Date;
}

/**
 * Where notices go (Slack in production), whatever the dialect: `D` is a drop event, `R` a return event.
 * The engine has already grouped events per channel and removed duplicates: one call per channel per
 * cycle and kind.
 */
export interface NoticeSink<D, R> {
  /**
   * Posts one message per agent, or one digest when many. Resolves with the ts of each agent posted (a
   * digest gives its agents the same ts). An agent left out of the answer, or a throw, means "not posted":
   * the engine keeps the claim and offers it again next cycle.
   */
  dropped(channelId: string, drops: D[]): Promise<Array<{ agentId: string; messageTs: string }>>;
  /** Replies in each drop message's thread and updates the parent. A throw means "retry all next cycle". */
  returned(channelId: string, returns: R[]): Promise<void>;
}

/** The tutorial dialect's notices: an agent out of every skill, and back in one. */
export type WatchNotifier = NoticeSink<DropEvent, ReturnEvent>;

/** The part of the Store the engine uses; satisfied by `Store` from `src/store`. */
export interface WatchStore {
  subscriptions: Pick<SubscriptionStore, 'listAll'>;
  watcher: Pick<
    WatcherStateStore,
    | 'getStates'
    | 'saveStates'
    | 'getCursor'
    | 'openDrops'
    | 'claimDrops'
    | 'attachDropMessages'
    | 'resolveDropNotices'
  >;
}

export type WatchLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** How a watch engine reads CXone and waits; the defaults suit WATCH_INTERVAL_MS of about 15 s. */
export interface WatchTuning {
  /** In-flight per-agent reads when the bulk endpoint is unavailable. */
  perAgentConcurrency?: number;
  /** How long to stay on per-agent reads after the bulk endpoint was refused, before trying it again. */
  fallbackMs?: number;
  /** Upper bound of a 429 wait inside one cycle, whatever Retry-After says. */
  maxRateLimitWaitMs?: number;
  /**
   * Newly watched agents are unknown to a delta poll. Up to this many are read one by one; more, and the
   * cycle reads a full snapshot instead (one call instead of hundreds).
   */
  newAgentReadLimit?: number;
}

/** The engine over the tutorial's API (`v2`): agents log in to skills; a drop is an agent out of all of them. */
export interface WatchEngineOptions extends WatchTuning {
  cxone: Pick<CxonePort, 'getAllAgentStates' | 'getAgentStates'>;
  store: WatchStore;
  notifier: WatchNotifier;
  clock: Clock;
  logger: WatchLogger;
  /** Turns the last skill id into a name for the notice; best effort. */
  catalog?: Pick<Catalog, 'skills'>;
}

export interface CycleReport {
  mode: 'bulk' | 'per-agent' | 'skipped';
  /** Distinct agents watched by any channel. */
  watched: number;
  /** Watched agents whose states differ from the last known ones (first sight not counted). */
  changed: number;
  /** Agents that dropped out this cycle (v2: out of every skill; incontact: logged out). */
  drops: number;
  /** Agents back (in a skill; in a session) with a posted drop notice, detected this cycle. */
  returns: number;
  /** Notifier calls that succeeded (at most two per channel: drops, returns). */
  notifications: number;
  /** Events the notifier did not take; they are offered again next cycle. */
  undelivered: number;
  cxoneCalls: number;
  /** Time spent honouring a 429's Retry-After. */
  waitedMs?: number;
  reason?: string;
}

export interface RunCycleOptions {
  /** Aborting ends a 429 wait at once and stops the cycle before its next write (see cycle.ts). */
  signal?: AbortSignal;
}

export interface WatchEngine {
  runCycle(opts?: RunCycleOptions): Promise<CycleReport>;
}
