/**
 * What the watcher, the Slack app and the CLI need to remember between requests and across restarts.
 * One interface, two adapters (SQLite file, PostgreSQL) behind the same Kysely queries; `openStore` in
 * `./index` picks one from DATABASE_URL.
 *
 * Every guarantee documented here ("exactly one", "atomically") holds across processes sharing the same
 * database, not just within one Store instance: that is what lets several replicas run behind a load
 * balancer on PostgreSQL.
 *
 * Times are `Date` at this boundary and epoch milliseconds in the database (see `./schema`).
 */

/** A Slack user id (`U…`) or `cli:<os user>` for the command line. */
export type Actor = string;

// ---------------------------------------------------------------------------------------------------------
// Channel subscriptions (`/agentstate watch`)

export interface Subscription {
  channelId: string;
  agentId: string;
  /** Display name at subscription time, so lists render without a CXone call. */
  agentName: string;
  createdBy: Actor;
  createdAt: Date;
  /** Who the drop notices mention; absent: nobody. */
  mention?: WatchMention;
}

/** A Slack user to mention (`U…`/`W…`), or everyone active in the channel. */
export type WatchMention = { kind: 'user'; userId: string } | { kind: 'here' };

export interface SubscriptionStore {
  /** Idempotent: returns false (and keeps the original row) when the channel already watches the agent. */
  add(sub: {
    channelId: string;
    agentId: string;
    agentName: string;
    createdBy: Actor;
    mention?: WatchMention;
  }): Promise<boolean>;
  /** Returns false when there was nothing to remove. */
  remove(channelId: string, agentId: string): Promise<boolean>;
  listByChannel(channelId: string): Promise<Subscription[]>;
  /** Channels watching one agent: who to notify when it drops. */
  listByAgent(agentId: string): Promise<Subscription[]>;
  /** Subscriptions a user created, for App Home. */
  listByUser(createdBy: Actor): Promise<Subscription[]>;
  listAll(): Promise<Subscription[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Audit log: one entry per change made through the app

export type AuditAction =
  | 'login'
  | 'logout'
  | 'switch'
  | 'watch'
  | 'unwatch'
  | 'available'
  | 'unavailable'
  /** A supervisor asked a logged-out agent to log in (incontact, where only the agent can). */
  | 'ask';

/** The known outcomes; other strings are accepted so a new use-case outcome needs no store change. */
export type AuditOutcome =
  | 'verified'
  | 'failed'
  | 'conflict'
  | 'not_visible'
  | 'refused'
  | 'ok'
  | 'abandoned'
  | (string & {});

export interface AuditEntryInput {
  at: Date;
  actor: Actor;
  action: AuditAction;
  agentId: string;
  agentName?: string;
  /** Skill name or id as text, when the action had one. */
  target?: string;
  outcome: AuditOutcome;
  verifyMs?: number;
  /** CXone request id, to correlate with their logs. */
  requestId?: string;
  detail?: string;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
}

export interface AuditLog {
  record(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first (ties broken by insertion order). */
  latest(query: { agentId?: string; actor?: Actor; limit: number }): Promise<AuditEntry[]>;
}

// ---------------------------------------------------------------------------------------------------------
// In-flight operations: at most one unfinished state change per agent, across replicas

/** Where the Slack message that shows the operation's progress lives, so a successor can update it. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
  responseUrl?: string;
}

export interface Operation {
  id: string;
  agentId: string;
  action: string;
  startedBy: Actor;
  startedAt: Date;
  /** What the operation aims at (e.g. the login target), as given to `begin`. JSON round-tripped. */
  target: unknown;
  message?: SlackMessageRef;
  /** The process currently responsible for finishing it (`<replica>/<instance>`, see `store/owner.ts`). */
  owner: string;
  /**
   * Last time its owner showed it was alive: begin, claim, or a heartbeat while it runs. Staleness is
   * measured from here.
   */
  claimedAt: Date;
  finishedAt?: Date;
  outcome?: AuditOutcome;
}

export interface BeginOperation {
  agentId: string;
  action: string;
  startedBy: Actor;
  /** The process starting it; see `Operation.owner`. */
  owner: string;
  /** Must be JSON-serialisable. */
  target?: unknown;
  message?: SlackMessageRef;
}

/** Who holds the agent when `begin` is refused. */
export interface OperationHolder {
  id: string;
  startedBy: Actor;
  startedAt: Date;
  action: string;
  owner: string;
}

export type BeginResult = { ok: true; operation: Operation } | { ok: false; holder: OperationHolder };

/**
 * Recovery after a crash: a running operation keeps its claim fresh (`heartbeat`); every replica sweeps
 * (`claimOrphaned`, `claimStale`) for those whose claim has lapsed, and for each it gets re-reads the agent's
 * states, updates the Slack message in `message`, records the audit entry and calls `complete`. Until then
 * the agent stays held, so nobody starts a conflicting change.
 */
export interface OperationStore {
  /** Starts an operation unless the agent already has an unfinished one, in which case returns its holder. */
  begin(op: BeginOperation): Promise<BeginResult>;
  /** Records the Slack message once it is known (it is often posted after `begin`). */
  attachMessage(id: string, message: SlackMessageRef): Promise<void>;
  /** Finishes it and frees the agent. Returns false when it was already finished (first outcome wins). */
  complete(id: string, outcome: AuditOutcome): Promise<boolean>;
  get(id: string): Promise<Operation | undefined>;
  /** Oldest first. */
  listUnfinished(): Promise<Operation[]>;
  /**
   * Refreshes the claim of a running operation (its `claimedAt`), so no sweep takes it over. Returns false
   * when `owner` no longer holds it: finished, or taken over by another process.
   */
  heartbeat(id: string, owner: string): Promise<boolean>;
  /**
   * Gives up a claim without finishing: the operation counts as abandoned at once, so the next sweep (of
   * any replica, or this one's successor) finishes and reports it. For a process that stops mid-operation.
   */
  release(id: string, owner: string): Promise<boolean>;
  /**
   * Takes over every unfinished operation of another owner whose claim is older than `olderThanMs`,
   * making `owner` responsible for finishing or reporting it. Atomic: two replicas claiming at once split
   * the set, never share an operation. Live operations refresh their claim, so they are left alone.
   */
  claimStale(olderThanMs: number, owner: string): Promise<Operation[]>;
  /**
   * Like `claimStale`, for what a previous process of `owner`'s replica (same host and port, another
   * instance) left: its claim only has to have lapsed for `olderThanMs` — a few missed heartbeats — rather
   * than the full stale threshold, so a restarted replica finishes its predecessor's work promptly. A live
   * process with the same host and port keeps beating and is never claimed.
   */
  claimOrphaned(owner: string, olderThanMs: number): Promise<Operation[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Watcher state

export interface KnownAgentStates {
  agentId: string;
  /**
   * What the watcher last saw of the agent, as JSON the store keeps but does not interpret: in the v2
   * dialect the agent's states (`AgentState[]`, `[]` = seen with none), in incontact its one state. The
   * watch engine of the running dialect reads it back and treats a record it cannot read as never seen.
   */
  states: unknown;
  updatedAt: Date;
}

/** A "dropped out" notification posted in a channel, kept so "agent back" can reply in its thread. */
export interface DropNotice {
  channelId: string;
  agentId: string;
  /** ts of the posted parent message; `''` while the notice is claimed but not posted yet (`claimDrops`). */
  messageTs: string;
  /** Skill the agent was last in. The watcher stores the skill id (names can change; render via the catalog). */
  lastSkill?: string;
  droppedAt: Date;
  resolvedAt?: Date;
}

export interface WatcherStateStore {
  /** Known states of the given agents (all agents when omitted); agents never seen are absent. */
  getStates(agentIds?: readonly string[]): Promise<Map<string, KnownAgentStates>>;
  /**
   * Upserts states and forgets `forget` in one transaction; when `cursor` is given it is saved in the same
   * transaction, so a crash never leaves a cursor ahead of the states it summarises.
   */
  saveStates(change: {
    upsert: readonly KnownAgentStates[];
    forget?: readonly string[];
    cursor?: string;
  }): Promise<void>;
  /** The bulk endpoint's `lastPollTime`, passed back as `updatedSince`. Opaque text. */
  getCursor(): Promise<string | undefined>;
  setCursor(cursor: string | undefined): Promise<void>;
  /** Returns false when the channel already has an unresolved notice for the agent (nothing stored). */
  recordDrop(notice: Omit<DropNotice, 'resolvedAt'>): Promise<boolean>;
  openDrops(query?: { agentId?: string; channelId?: string }): Promise<DropNotice[]>;
  /** Resolves the agent's open notices (in one channel or all) and returns them, so each can be answered once. */
  resolveDrops(agentId: string, at: Date, channelId?: string): Promise<DropNotice[]>;
  /**
   * Batch form of `recordDrop` for notices not posted yet: each is stored with `messageTs` = `''` (a claim),
   * in one statement. Returns the notices newly claimed; a channel that already has an open notice for the
   * agent (posted or claimed) is left alone. The watcher claims before it posts, so a crash between the
   * two leaves a claim to deliver rather than a forgotten drop.
   */
  claimDrops(notices: readonly Omit<DropNotice, 'messageTs' | 'resolvedAt'>[]): Promise<DropNotice[]>;
  /** Records the ts of posted notices. Only open claims (`messageTs` = `''`) are updated. */
  attachDropMessages(
    posted: readonly { channelId: string; agentId: string; messageTs: string }[],
  ): Promise<void>;
  /** Batch form of `resolveDrops` for exact channel+agent pairs; returns the notices this call resolved. */
  resolveDropNotices(
    keys: readonly { channelId: string; agentId: string }[],
    at: Date,
  ): Promise<DropNotice[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Leader lease: exactly one replica runs the watcher

export interface Lease {
  name: string;
  holder: string;
  expiresAt: Date;
}

export interface LeaseStore {
  /** Acquires the lease when free or expired, renews it when `holder` already has it; false otherwise. */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives it up early so another replica takes over without waiting for expiry. No-op unless held. */
  release(name: string, holder: string): Promise<boolean>;
  current(name: string): Promise<Lease | undefined>;
}

// ---------------------------------------------------------------------------------------------------------

export type StoreKind = 'sqlite' | 'postgres';

export interface Store {
  readonly kind: StoreKind;
  readonly subscriptions: SubscriptionStore;
  readonly audit: AuditLog;
  readonly operations: OperationStore;
  readonly watcher: WatcherStateStore;
  readonly leases: LeaseStore;
  /** True when a trivial query succeeds (for /readyz). Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
