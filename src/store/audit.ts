import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEntry, AuditLog } from './port';
import type { AuditLogTable, Database } from './schema';

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  const entry: AuditEntry = {
    id: Number(row.id),
    at: new Date(row.at),
    actor: row.actor,
    action: row.action as AuditAction,
    agentId: row.agent_id,
    outcome: row.outcome,
  };
  // Optional fields stay absent rather than `undefined`/`null`, so entries compare and render cleanly.
  if (row.agent_name !== null) entry.agentName = row.agent_name;
  if (row.target !== null) entry.target = row.target;
  if (row.verify_ms !== null) entry.verifyMs = row.verify_ms;
  if (row.request_id !== null) entry.requestId = row.request_id;
  if (row.detail !== null) entry.detail = row.detail;
  return entry;
}

export function createAuditLog(db: Kysely<Database>): AuditLog {
  return {
    async record(input) {
      const row = await db
        .insertInto('audit_log')
        .values({
          at: input.at.getTime(),
          actor: input.actor,
          action: input.action,
          agent_id: input.agentId,
          agent_name: input.agentName ?? null,
          target: input.target ?? null,
          outcome: input.outcome,
          verify_ms: input.verifyMs === undefined ? null : Math.round(input.verifyMs),
          request_id: input.requestId ?? null,
          detail: input.detail ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },
    async latest({ agentId, actor, limit }) {
      let query = db.selectFrom('audit_log').selectAll();
      if (agentId !== undefined) query = query.where('agent_id', '=', agentId);
      if (actor !== undefined) query = query.where('actor', '=', actor);
      const rows = await query
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toEntry);
    },
  };
}
