import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { replicaOf } from './owner';
import type { BeginResult, Operation, OperationStore, SlackMessageRef } from './port';
import type { Database, OperationsTable } from './schema';

/**
 * At most one unfinished operation per agent. The partial unique index `operations_one_unfinished_per_agent`
 * (agent_id WHERE finished_at IS NULL) is the guarantee: `begin` is a plain INSERT … ON CONFLICT DO NOTHING,
 * so whichever connection — on whichever replica — commits first wins, and every other insert is a no-op.
 * On PostgreSQL a concurrent insert waits for the first transaction and then sees the conflict; on SQLite
 * writers are serialised by the file lock. No read-then-write window exists to race in.
 */

function parseJson(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

function toOperation(row: Selectable<OperationsTable>): Operation {
  const op: Operation = {
    id: row.id,
    agentId: row.agent_id,
    action: row.action,
    startedBy: row.started_by,
    startedAt: new Date(row.started_at),
    target: parseJson(row.target),
    owner: row.owner,
    claimedAt: new Date(row.claimed_at),
  };
  if (row.message !== null) op.message = JSON.parse(row.message) as SlackMessageRef;
  if (row.finished_at !== null) op.finishedAt = new Date(row.finished_at);
  if (row.outcome !== null) op.outcome = row.outcome;
  return op;
}

function sortByStart(ops: Operation[]): Operation[] {
  return ops.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

/** A holder that finishes between our failed insert and our read frees the agent: try again, briefly. */
const BEGIN_ATTEMPTS = 3;

export function createOperationStore(db: Kysely<Database>, now: () => number): OperationStore {
  return {
    async begin(input): Promise<BeginResult> {
      for (let attempt = 1; ; attempt++) {
        const at = now();
        const inserted = await db
          .insertInto('operations')
          .values({
            id: randomUUID(),
            agent_id: input.agentId,
            action: input.action,
            started_by: input.startedBy,
            started_at: at,
            target: input.target === undefined ? null : JSON.stringify(input.target),
            message: input.message ? JSON.stringify(input.message) : null,
            owner: input.owner,
            claimed_at: at,
            finished_at: null,
            outcome: null,
          })
          // No conflict target: PostgreSQL requires the index predicate to name a partial index, and SQLite
          // ≥ 3.35 and PostgreSQL both accept a bare DO NOTHING covering every unique index.
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { ok: true, operation: toOperation(inserted) };

        const holder = await db
          .selectFrom('operations')
          .select(['id', 'started_by', 'started_at', 'action', 'owner'])
          .where('agent_id', '=', input.agentId)
          .where('finished_at', 'is', null)
          .executeTakeFirst();
        if (holder) {
          return {
            ok: false,
            holder: {
              id: holder.id,
              startedBy: holder.started_by,
              startedAt: new Date(holder.started_at),
              action: holder.action,
              owner: holder.owner,
            },
          };
        }
        if (attempt >= BEGIN_ATTEMPTS)
          throw new Error(`could not begin ${input.action} for ${input.agentId}`);
      }
    },

    async attachMessage(id, message) {
      await db
        .updateTable('operations')
        .set({ message: JSON.stringify(message) })
        .where('id', '=', id)
        .execute();
    },

    async complete(id, outcome) {
      // `finished_at IS NULL` makes completion idempotent and lets exactly one of two finishers (the original
      // owner coming back late, a replica that claimed it) record its outcome.
      const result = await db
        .updateTable('operations')
        .set({ finished_at: now(), outcome })
        .where('id', '=', id)
        .where('finished_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async get(id) {
      const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOperation(row);
    },

    async listUnfinished() {
      const rows = await db
        .selectFrom('operations')
        .selectAll()
        .where('finished_at', 'is', null)
        .orderBy('started_at')
        .orderBy('id')
        .execute();
      return rows.map(toOperation);
    },

    async heartbeat(id, owner) {
      const result = await db
        .updateTable('operations')
        .set({ claimed_at: now() })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('finished_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async release(id, owner) {
      const result = await db
        .updateTable('operations')
        .set({ claimed_at: 0 })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('finished_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async claimStale(olderThanMs, owner) {
      const at = now();
      // One UPDATE … RETURNING: on PostgreSQL a concurrent claimer blocks on the same rows and, once the
      // first commits, re-checks `claimed_at < cutoff` against the new values and skips them (READ
      // COMMITTED re-evaluation), so each stale operation gets exactly one new owner. Never the claimer's
      // own: a live operation of this process that looks stale is slow, not dead.
      const rows = await db
        .updateTable('operations')
        .set({ owner, claimed_at: at })
        .where('finished_at', 'is', null)
        .where('owner', '<>', owner)
        .where('claimed_at', '<', at - olderThanMs)
        .returningAll()
        .execute();
      return sortByStart(rows.map(toOperation));
    },

    async claimOrphaned(owner, olderThanMs) {
      const at = now();
      const replica = replicaOf(owner);
      const rows = await db
        .updateTable('operations')
        .set({ owner, claimed_at: at })
        .where('finished_at', 'is', null)
        .where('owner', '<>', owner)
        .where((eb) =>
          eb.or([
            // Written before owner ids had an instance part: the replica id alone.
            eb('owner', '=', replica),
            eb(sql<string>`substr(${sql.ref('owner')}, 1, ${replica.length + 1})`, '=', `${replica}/`),
          ]),
        )
        .where('claimed_at', '<', at - olderThanMs)
        .returningAll()
        .execute();
      return sortByStart(rows.map(toOperation));
    },
  };
}
