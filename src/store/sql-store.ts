import { type Kysely, Migrator, sql } from 'kysely';
import { createAuditLog } from './audit';
import { type Connection, SQLITE_BUSY_TIMEOUT_MS, type StoreLogger } from './connect';
import { createLeaseStore } from './leases';
import { migrationProvider } from './migrations';
import { createOperationStore } from './operations';
import type { Store } from './port';
import type { Database } from './schema';
import { createSubscriptionStore } from './subscriptions';
import { createWatcherStateStore } from './watcher-state';

/** Brings the schema to the latest migration. Throws the Migrator's error (the caller adds context). */
export async function migrate(connection: Connection, logger?: StoreLogger): Promise<void> {
  const { kind, db, schema } = connection;
  const migrator = new Migrator({
    db,
    provider: migrationProvider(kind),
    // Kysely looks for its bookkeeping tables in *any* schema unless told which one; with several
    // deployments (or test runs) in one PostgreSQL database that finds another's. Pin it to ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
    // On SQLite we hold our own write transaction around the whole run (see withSqliteWriteLock).
    disableTransactions: kind === 'sqlite',
  });
  const run = async () => {
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error) throw error;
    for (const r of results) {
      if (r.status === 'Success') logger?.info({ migration: r.migrationName }, 'store: migration applied');
    }
  };
  // PostgreSQL: the Migrator takes an advisory lock, so replicas starting together migrate once.
  await (kind === 'sqlite' ? withSqliteWriteLock(db, run) : retryIntrospectionRace(run));
}

const INTROSPECTION_RACE_ATTEMPTS = 5;
/** invalid_schema_name, undefined_table, undefined_column: what a concurrent DROP looks like to a catalog scan. */
const INTROSPECTION_RACE_CODES = new Set(['3F000', '42P01', '42703']);

/**
 * Kysely's Migrator introspects every schema of the database (`has_schema_privilege`,
 * `pg_get_serial_sequence` on each table), so another deployment or test run sharing the database that drops
 * its schema at that moment fails our migration with an error about *its* objects. The failed step is rolled
 * back or idempotent, so try again; an error of our own migration repeats and is thrown after the attempts.
 */
async function retryIntrospectionRace(run: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (!INTROSPECTION_RACE_CODES.has(String(code)) || attempt >= INTROSPECTION_RACE_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

const SQLITE_MIGRATION_WAIT_MS = 30_000;

/**
 * Kysely's SQLite migration lock is a no-op: it assumes one connection per database. But `serve` and a CLI
 * command (or two CLI commands) can open the same file at once, and a deferred transaction lets both read
 * "nothing applied" and then both create the tables. BEGIN IMMEDIATE takes the write lock before anything
 * is read. It is retried asynchronously with the busy timeout off, because better-sqlite3's busy wait blocks
 * the event loop — fatal when the lock holder is another connection in this same process.
 */
async function withSqliteWriteLock(db: Kysely<Database>, fn: () => Promise<void>): Promise<void> {
  await sql`pragma busy_timeout = 0`.execute(db);
  try {
    const deadline = Date.now() + SQLITE_MIGRATION_WAIT_MS;
    for (;;) {
      try {
        await sql`begin immediate`.execute(db);
        break;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
      }
    }
    try {
      await fn();
      await sql`commit`.execute(db);
    } catch (err) {
      await sql`rollback`.execute(db).catch(() => undefined);
      throw err;
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(db);
  }
}

/** One Store over one Kysely instance; the dialect only shows in `kind`. */
export function createSqlStore(connection: Connection, now: () => number): Store {
  const { db, kind } = connection;
  let closed: Promise<void> | undefined;
  return {
    kind,
    subscriptions: createSubscriptionStore(db, now),
    audit: createAuditLog(db),
    operations: createOperationStore(db, now),
    watcher: createWatcherStateStore(db),
    leases: createLeaseStore(db, now),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close() {
      closed ??= db.destroy();
      return closed;
    },
  };
}
