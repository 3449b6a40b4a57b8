import { Migrator, sql } from 'kysely';
import { createAuditLog } from './audit';
import type { Connection, StoreLogger } from './connect';
import { createLeaseStore } from './leases';
import { migrationProvider } from './migrations';
import { createOperationStore } from './operations';
import type { Store } from './port';
import { createSubscriptionStore } from './subscriptions';
import { createWatcherStateStore } from './watcher-state';

/** Brings the schema to the latest migration. Throws the Migrator's error (the caller adds context). */
export async function migrate({ kind, db, schema }: Connection, logger?: StoreLogger): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(kind),
    // Kysely looks for its bookkeeping tables in *any* schema unless told which one; with several
    // deployments (or test runs) in one PostgreSQL database that finds another's. Pin it to ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const r of results) {
    if (r.status === 'Success') logger?.info({ migration: r.migrationName }, 'store: migration applied');
  }
  if (error) throw error;
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
