import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DropNotice, WatcherStateStore } from './port';
import type { Database, DropNoticesTable } from './schema';

/** SQLite caps bound parameters per statement; 7 columns × 400 rows stays far below it. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function toDropNotice(row: Selectable<DropNoticesTable>): DropNotice {
  const notice: DropNotice = {
    channelId: row.channel_id,
    agentId: row.agent_id,
    messageTs: row.message_ts,
    droppedAt: new Date(row.dropped_at),
  };
  if (row.last_skill !== null) notice.lastSkill = row.last_skill;
  if (row.resolved_at !== null) notice.resolvedAt = new Date(row.resolved_at);
  return notice;
}

/** Groups items by a key, keeping the first-seen order of keys (deterministic statements and results). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byChannelThenAgent = (a: DropNotice, b: DropNotice) =>
  a.channelId.localeCompare(b.channelId) || a.agentId.localeCompare(b.agentId);

type BatchMethods = Pick<WatcherStateStore, 'claimDrops' | 'attachDropMessages' | 'resolveDropNotices'>;

/**
 * The watcher's batch operations on drop notices: one statement per chunk or per channel, never one per
 * agent, so a cycle with a hundred drops costs a handful of round trips on PostgreSQL.
 */
export function createDropNoticeBatches(db: Kysely<Database>): BatchMethods {
  return {
    async claimDrops(notices) {
      const unique = [...groupBy(notices, (n) => `${n.channelId}\u0000${n.agentId}`).values()].map(
        (g) => g[0]!,
      );
      const claimed: DropNotice[] = [];
      for (const batch of chunks(unique)) {
        // The partial unique index (channel, agent WHERE resolved_at IS NULL) makes an already-open notice a
        // no-op, and RETURNING reports only the rows this statement inserted: claims are exclusive.
        const rows = await db
          .insertInto('drop_notices')
          .values(
            batch.map((n) => ({
              id: randomUUID(),
              channel_id: n.channelId,
              agent_id: n.agentId,
              message_ts: '',
              last_skill: n.lastSkill ?? null,
              dropped_at: n.droppedAt.getTime(),
              resolved_at: null,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .execute();
        claimed.push(...rows.map(toDropNotice));
      }
      return claimed.sort(byChannelThenAgent);
    },

    async attachDropMessages(posted) {
      if (posted.length === 0) return;
      // A digest gives many agents one ts: one UPDATE per channel and ts. In one transaction so a crash
      // leaves all or none of a cycle's ts recorded; only the lease holder writes these, so the write lock
      // is never contended by a second connection of the same process.
      const groups = groupBy(posted, (p) => `${p.channelId}\u0000${p.messageTs}`);
      await db.transaction().execute(async (trx) => {
        for (const group of groups.values()) {
          const { channelId, messageTs } = group[0]!;
          for (const ids of chunks(group.map((p) => p.agentId))) {
            await trx
              .updateTable('drop_notices')
              .set({ message_ts: messageTs })
              .where('channel_id', '=', channelId)
              .where('agent_id', 'in', ids)
              .where('resolved_at', 'is', null)
              .where('message_ts', '=', '')
              .execute();
          }
        }
      });
    },

    async resolveDropNotices(keys, at) {
      // One statement per chunk with a row-value IN list, not a transaction around per-channel UPDATEs: a
      // single statement is atomic on both dialects and never holds SQLite's write lock across an await.
      const resolved: DropNotice[] = [];
      for (const batch of chunks(keys)) {
        const rows = await db
          .updateTable('drop_notices')
          .set({ resolved_at: at.getTime() })
          .where((eb) =>
            eb(
              eb.refTuple('channel_id', 'agent_id'),
              'in',
              batch.map((k) => eb.tuple(k.channelId, k.agentId)),
            ),
          )
          .where('resolved_at', 'is', null)
          .returningAll()
          .execute();
        resolved.push(...rows.map(toDropNotice));
      }
      return resolved.sort(byChannelThenAgent);
    },
  };
}
