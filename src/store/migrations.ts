import {
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
  sql,
} from 'kysely';
import type { StoreKind } from './port';

/**
 * Schema changes, in code (no migration folder to ship next to dist/). Applied by Kysely's Migrator at
 * start; on PostgreSQL the Migrator holds an advisory lock, so replicas starting together migrate once.
 *
 * Migrations are written once for both dialects with Kysely's schema builder. The single thing SQL does not
 * spell the same way is an auto-increment key, hence `autoId` — everything else (bigint, text, partial
 * unique indexes, ON CONFLICT, RETURNING) is common to SQLite ≥ 3.35 and PostgreSQL.
 *
 * Never edit a migration that has shipped: add the next one.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's table types.
type AnyDb = Kysely<any>;

function autoId(kind: StoreKind) {
  return (col: ColumnDefinitionBuilder) =>
    kind === 'sqlite'
      ? col.primaryKey().autoIncrement() // INTEGER PRIMARY KEY AUTOINCREMENT: never reuses ids
      : col.primaryKey().generatedByDefaultAsIdentity();
}

function initial(kind: StoreKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('subscriptions')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('agent_name', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('subscriptions_pk', ['channel_id', 'agent_id'])
        .execute();
      await db.schema.createIndex('subscriptions_agent').on('subscriptions').column('agent_id').execute();
      await db.schema.createIndex('subscriptions_user').on('subscriptions').column('created_by').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', kind === 'sqlite' ? 'integer' : 'bigint', autoId(kind))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('agent_name', 'text')
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('verify_ms', 'integer')
        .addColumn('request_id', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_log_agent_at').on('audit_log').columns(['agent_id', 'at']).execute();

      await db.schema
        .createTable('operations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('message', 'text')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('outcome', 'text')
        .execute();
      // The cross-replica guarantee of `begin`: the database itself refuses a second unfinished operation
      // for an agent, whichever connection inserts it.
      await db.schema
        .createIndex('operations_one_unfinished_per_agent')
        .on('operations')
        .column('agent_id')
        .unique()
        .where(sql.ref('finished_at'), 'is', null)
        .execute();

      await db.schema
        .createTable('agent_states')
        .addColumn('agent_id', 'text', (c) => c.primaryKey())
        .addColumn('states', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('drop_notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('message_ts', 'text', (c) => c.notNull())
        .addColumn('last_skill', 'text')
        .addColumn('dropped_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .execute();
      // One open notice per channel and agent, so two watchers (during a lease hand-over) cannot both post.
      await db.schema
        .createIndex('drop_notices_one_open')
        .on('drop_notices')
        .columns(['channel_id', 'agent_id'])
        .unique()
        .where(sql.ref('resolved_at'), 'is', null)
        .execute();

      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      for (const table of [
        'settings',
        'leases',
        'drop_notices',
        'agent_states',
        'operations',
        'audit_log',
        'subscriptions',
      ]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}

/**
 * Who a watch's drop notices mention: a Slack user id (`U…`/`W…`) or `here`; null mentions nobody. Nullable,
 * so the watches made before it keep working unchanged.
 */
const subscriptionMention: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('subscriptions').addColumn('mention', 'text').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('subscriptions').dropColumn('mention').execute();
  },
};

/** Names sort in application order (the Migrator sorts them alphabetically). */
export function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '0001_initial': initial(kind),
    '0002_subscription_mention': subscriptionMention,
  };
}

export function migrationProvider(kind: StoreKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}
