import { type Connection, connect, parseDatabaseUrl, type StoreLogger } from './connect';
import { redactDatabaseUrl, StoreUnavailableError, scrubSecret } from './errors';
import type { Store } from './port';
import { createSqlStore, migrate } from './sql-store';

export { redactDatabaseUrl, StoreUnavailableError } from './errors';
export {
  createStoreOperationGuard,
  type DurableOperationGuard,
  type StoreOperationGuardOptions,
} from './operation-guard';
export { processOwnerId, replicaOf } from './owner';
export type * from './port';

export interface OpenStoreOptions {
  logger?: StoreLogger;
  /** Epoch ms; injected by tests to expire leases and age operations without sleeping. */
  now?: () => number;
}

/** Node reports a refused dual-stack connect as an AggregateError with an empty message: dig out a reason. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.message) return err.message;
  const inner = err instanceof AggregateError ? err.errors[0] : undefined;
  if (inner instanceof Error && inner.message) return inner.message;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : err.name;
}

/**
 * Opens the store named by DATABASE_URL — `sqlite:<path>` (parent directory created; `sqlite::memory:`
 * for throwaway runs) or `postgres://…` — and applies pending migrations. Any failure becomes a
 * StoreUnavailableError naming DATABASE_URL, with credentials redacted.
 */
export async function openStore(databaseUrl: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const shown = redactDatabaseUrl(databaseUrl);
  const fail = (stage: string, err: unknown) => {
    const reason = scrubSecret(describeError(err), databaseUrl);
    return new StoreUnavailableError(shown, `${stage}: ${reason}`, { cause: err });
  };

  let connection: Connection;
  try {
    connection = await connect(parseDatabaseUrl(databaseUrl), opts.logger);
  } catch (err) {
    throw fail('cannot open the database', err);
  }
  try {
    await migrate(connection, opts.logger);
  } catch (err) {
    await connection.db.destroy().catch(() => undefined);
    throw fail('cannot apply migrations', err);
  }
  opts.logger?.debug({ store: connection.kind, databaseUrl: shown }, 'store: open');
  return createSqlStore(connection, opts.now ?? Date.now);
}
