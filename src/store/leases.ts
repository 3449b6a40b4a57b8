import type { Kysely } from 'kysely';
import type { LeaseStore } from './port';
import type { Database } from './schema';

/**
 * Leader lease: one row per lease name. `tryAcquire` is a single atomic statement:
 *
 *   INSERT INTO leases … ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = …
 *     WHERE leases.expires_at <= :now OR leases.holder = excluded.holder
 *   RETURNING holder
 *
 * A row comes back exactly when we hold the lease afterwards. On PostgreSQL the upsert locks the row, and
 * a concurrent upsert re-evaluates the WHERE against the committed winner (whose lease is not expired and
 * not ours), so two replicas can never both get a row. A concurrent first INSERT of the same name is
 * resolved by the primary key the same way. On SQLite the statement runs under the file's write lock.
 */
export function createLeaseStore(db: Kysely<Database>, now: () => number): LeaseStore {
  return {
    async tryAcquire(name, holder, ttlMs) {
      const at = now();
      const row = await db
        .insertInto('leases')
        .values({ name, holder, expires_at: at + ttlMs })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({
              holder: eb.ref('excluded.holder'),
              expires_at: eb.ref('excluded.expires_at'),
            }))
            .where((eb) =>
              eb.or([eb('leases.expires_at', '<=', at), eb('leases.holder', '=', eb.ref('excluded.holder'))]),
            ),
        )
        .returning('holder')
        .executeTakeFirst();
      return row?.holder === holder;
    },

    async release(name, holder) {
      const result = await db
        .deleteFrom('leases')
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async current(name) {
      const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
      if (!row || row.expires_at <= now()) return undefined;
      return { name: row.name, holder: row.holder, expiresAt: new Date(row.expires_at) };
    },
  };
}
