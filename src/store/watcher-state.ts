import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDropNoticeBatches, toDropNotice as toDrop } from './drop-notices';
import type { KnownAgentStates, WatcherStateStore } from './port';
import type { Database } from './schema';

const CURSOR_KEY = 'watcher.lastPollTime';

/** SQLite caps bound parameters per statement (32766 in current builds); stay well below for IN lists. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function writeCursor(db: Kysely<Database>, cursor: string | undefined): Promise<void> {
  if (cursor === undefined) {
    await db.deleteFrom('settings').where('key', '=', CURSOR_KEY).execute();
    return;
  }
  await db
    .insertInto('settings')
    .values({ key: CURSOR_KEY, value: cursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: cursor }))
    .execute();
}

export function createWatcherStateStore(db: Kysely<Database>): WatcherStateStore {
  return {
    ...createDropNoticeBatches(db),

    async getStates(agentIds) {
      const rows =
        agentIds === undefined
          ? await db.selectFrom('agent_states').selectAll().execute()
          : (
              await Promise.all(
                chunks(agentIds).map((ids) =>
                  db.selectFrom('agent_states').selectAll().where('agent_id', 'in', ids).execute(),
                ),
              )
            ).flat();
      const known = new Map<string, KnownAgentStates>();
      for (const row of rows) {
        known.set(row.agent_id, {
          agentId: row.agent_id,
          // Written by saveStates; the watch engine of the running dialect decides whether it can read it.
          states: JSON.parse(row.states) as unknown,
          updatedAt: new Date(row.updated_at),
        });
      }
      return known;
    },

    async saveStates({ upsert, forget = [], cursor }) {
      await db.transaction().execute(async (trx) => {
        // Multi-row upserts, chunked: a full poll after start-up can carry every agent of the tenant.
        for (const batch of chunks(upsert)) {
          if (!batch.length) continue;
          await trx
            .insertInto('agent_states')
            .values(
              batch.map((entry) => ({
                agent_id: entry.agentId,
                states: JSON.stringify(entry.states),
                updated_at: entry.updatedAt.getTime(),
              })),
            )
            .onConflict((oc) =>
              oc.column('agent_id').doUpdateSet((eb) => ({
                states: eb.ref('excluded.states'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
        for (const ids of chunks(forget)) {
          if (ids.length) await trx.deleteFrom('agent_states').where('agent_id', 'in', ids).execute();
        }
        if (cursor !== undefined) await writeCursor(trx, cursor);
      });
    },

    async getCursor() {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', CURSOR_KEY)
        .executeTakeFirst();
      return row?.value;
    },

    async setCursor(cursor) {
      await writeCursor(db, cursor);
    },

    async recordDrop(notice) {
      // The partial unique index (channel, agent WHERE resolved_at IS NULL) turns a duplicate into a no-op.
      const result = await db
        .insertInto('drop_notices')
        .values({
          id: randomUUID(),
          channel_id: notice.channelId,
          agent_id: notice.agentId,
          message_ts: notice.messageTs,
          last_skill: notice.lastSkill ?? null,
          dropped_at: notice.droppedAt.getTime(),
          resolved_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async openDrops(query = {}) {
      let q = db.selectFrom('drop_notices').selectAll().where('resolved_at', 'is', null);
      if (query.agentId !== undefined) q = q.where('agent_id', '=', query.agentId);
      if (query.channelId !== undefined) q = q.where('channel_id', '=', query.channelId);
      return (await q.orderBy('dropped_at').orderBy('channel_id').execute()).map(toDrop);
    },

    async resolveDrops(agentId, at, channelId) {
      // UPDATE … RETURNING hands each notice to exactly one caller, so "agent back" is posted once even if
      // two watchers overlap during a lease hand-over.
      let q = db
        .updateTable('drop_notices')
        .set({ resolved_at: at.getTime() })
        .where('agent_id', '=', agentId)
        .where('resolved_at', 'is', null);
      if (channelId !== undefined) q = q.where('channel_id', '=', channelId);
      const rows = await q.returningAll().execute();
      return rows.map(toDrop).sort((a, b) => a.channelId.localeCompare(b.channelId));
    },
  };
}
