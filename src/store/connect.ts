import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { CustomTypesConfig, PoolConfig } from 'pg';
import type { Logger } from '../logger';
import type { StoreKind } from './port';
import type { Database } from './schema';

/**
 * Turns DATABASE_URL into a Kysely instance. Drivers are loaded lazily so a PostgreSQL deployment never
 * loads the native SQLite binary, and the other way round.
 */

export type StoreLogger = Pick<Logger, 'info' | 'warn' | 'debug'>;

export interface Connection {
  kind: StoreKind;
  db: Kysely<Database>;
  /** PostgreSQL: the schema our tables live in (first of search_path), for the Migrator. */
  schema?: string;
}

/** How long a SQLite write waits for another process's write to finish before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export type Target = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `sqlite:<path>` (also `sqlite:///abs/path`, `sqlite::memory:`) or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(databaseUrl: string): Target {
  if (databaseUrl.startsWith('sqlite:')) {
    let path = databaseUrl.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (!path) throw new Error('expected sqlite:<path>, e.g. sqlite:./data/agentstate.db');
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\/./.test(databaseUrl)) return { kind: 'postgres', url: databaseUrl };
  throw new Error('must be sqlite:<path> or postgres://…');
}

export async function connect(target: Target, logger?: StoreLogger): Promise<Connection> {
  return target.kind === 'sqlite' ? connectSqlite(target.path) : connectPostgres(target.url, logger);
}

async function connectSqlite(path: string): Promise<Connection> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  if (!memory) ensureDirectory(dirname(file));
  const database = new BetterSqlite3(file);
  try {
    // WAL lets the CLI read and write while `serve` holds the file open; busy_timeout makes a second
    // process wait for the write lock instead of failing with SQLITE_BUSY at once.
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    if (!memory) database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
  } catch (err) {
    database.close();
    throw err;
  }
  return { kind: 'sqlite', db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }) };
}

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdirSync(…, { recursive: true })` spins forever at 100 % CPU
 * when a level cannot be created but its parent exists (e.g. anywhere under /proc); here every failure is
 * an error naming the directory, which `openStore` reports against DATABASE_URL.
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    const found = statOf(current);
    if (found?.isDirectory()) break;
    if (found) throw new Error(`${current} exists and is not a directory`);
    if (dirname(current) === current) break; // the root itself is missing: let mkdir say why
    missing.unshift(current);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statOf(level)?.isDirectory()) continue; // created meanwhile by another process
      throw new Error(`cannot create the directory ${level}${code ? ` (${code})` : ''}`, { cause: err });
    }
  }
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

const INT8_OID = 20;

/**
 * pg returns int8 as strings by default (to be safe beyond 2^53). Our int8 columns are epoch ms and small
 * counters, far below 2^53, so parse them as numbers — per pool, not by mutating pg's global parsers.
 */
async function int8AsNumber(): Promise<CustomTypesConfig> {
  const { types } = await import('pg');
  const getTypeParser = (oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format as 'text');
  return { getTypeParser: getTypeParser as CustomTypesConfig['getTypeParser'] };
}

async function connectPostgres(url: string, logger?: StoreLogger): Promise<Connection> {
  const { Pool } = await import('pg');
  const config: PoolConfig = {
    connectionString: url,
    // Without a connect timeout an unreachable host hangs start-up (and /readyz) on the OS TCP timeout.
    connectionTimeoutMillis: 5_000,
    max: 10,
    types: await int8AsNumber(),
  };
  const pool = new Pool(config);
  // An idle client losing its connection emits 'error' on the pool; unhandled, that kills the process.
  // The next query gets a fresh connection, and ping() reports the outage to /readyz.
  pool.on('error', (err) => logger?.warn({ err }, 'store: idle PostgreSQL connection failed'));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no schema of search_path exists; create it or fix search_path');
    return { kind: 'postgres', db, schema };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}
