import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Column names are snake_case in SQL, mapped to the port's camelCase by hand in
 * each repository (no CamelCasePlugin: the SQL in migrations and queries then reads the same).
 *
 * Time is stored as epoch milliseconds in a 64-bit integer on both dialects (`bigint`; SQLite gives it
 * INTEGER affinity). Why not ISO text or timestamptz: lease expiry and staleness are arithmetic and
 * comparisons (`expires_at <= now`, `claimed_at < now - age`) that must behave identically in SQLite and
 * PostgreSQL; integers do, with no parsing, time-zone or format differences. "Now" comes from the
 * application clock (injectable for tests), so replicas need NTP-synchronised clocks — skew must stay far
 * below lease TTLs and staleness ages, which it does by orders of magnitude on any managed host.
 *
 * JSON payloads are `text` (not `jsonb`) so both dialects store and return the same string.
 */

export interface SubscriptionsTable {
  channel_id: string;
  agent_id: string;
  agent_name: string;
  created_by: string;
  created_at: number;
  /** Added by 0002: a Slack user id or `here`; null mentions nobody. */
  mention: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  agent_id: string;
  agent_name: string | null;
  target: string | null;
  outcome: string;
  verify_ms: number | null;
  request_id: string | null;
  detail: string | null;
}

export interface OperationsTable {
  id: string;
  agent_id: string;
  action: string;
  started_by: string;
  started_at: number;
  /** JSON text. */
  target: string | null;
  /** JSON text of SlackMessageRef. */
  message: string | null;
  owner: string;
  claimed_at: number;
  finished_at: number | null;
  outcome: string | null;
}

export interface AgentStatesTable {
  agent_id: string;
  /** JSON text of what the watcher last saw (v2: AgentState[]; incontact: the agent's one state). */
  states: string;
  updated_at: number;
}

export interface DropNoticesTable {
  id: string;
  channel_id: string;
  agent_id: string;
  message_ts: string;
  last_skill: string | null;
  dropped_at: number;
  resolved_at: number | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** Small named values that are not worth a table each (the watcher cursor). */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  subscriptions: SubscriptionsTable;
  audit_log: AuditLogTable;
  operations: OperationsTable;
  agent_states: AgentStatesTable;
  drop_notices: DropNoticesTable;
  leases: LeasesTable;
  settings: SettingsTable;
}
