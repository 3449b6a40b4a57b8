import { InvalidInputError } from '../cxone/errors';
import type { AuditAction, AuditLog } from '../store/port';
import type { OperationGuard } from './operation-guard';

/** Who changes agents and where it is recorded: the per-agent guard and the audit log. */
export interface ChangeRecorder {
  guard: OperationGuard;
  audit: Pick<AuditLog, 'record'>;
  /** A Slack user id, or `cli:<os user>`. */
  actor: string;
}

export interface ChangeRecord {
  outcome: string;
  target?: string;
  verifyMs?: number;
  detail?: string;
}

/**
 * Outcomes where nothing was changed (the agent already was where it was asked to be, or the change was
 * refused before anything was sent): not a change, so not audited — from any surface.
 */
export const NOT_A_CHANGE: ReadonlySet<string> = new Set([
  'already_logged_in',
  'not_logged_in',
  'already',
  'refused',
]);

export type Guarded<T> =
  | { kind: 'done'; result: T }
  /** Another operation on this agent is running (any replica, any surface): nothing was done. */
  | { kind: 'held'; startedBy: string; startedAt: Date; action: string };

/** An agent held for one change; `finish` releases it and records the outcome (once). */
export interface HeldChange {
  finish(record: ChangeRecord): Promise<void>;
}

/**
 * Takes the per-agent guard for a change. `finish` ends the operation and writes the one audit entry (none
 * for a no-op). Held by someone else: who and since when, and nothing is done.
 */
export async function beginChange(
  rec: ChangeRecorder,
  agent: { id: string; name: string },
  action: AuditAction,
): Promise<HeldChange | Extract<Guarded<never>, { kind: 'held' }>> {
  const op = await rec.guard.begin(agent.id, action, rec.actor);
  if (!op.ok) return { kind: 'held', startedBy: op.startedBy, startedAt: op.startedAt, action: op.action };
  let done = false;
  return {
    async finish(record) {
      if (done) return;
      done = true;
      await op.end(record.outcome);
      if (NOT_A_CHANGE.has(record.outcome)) return;
      await rec.audit.record({
        at: new Date(),
        actor: rec.actor,
        action,
        agentId: agent.id,
        agentName: agent.name,
        outcome: record.outcome,
        ...(record.target ? { target: record.target } : {}),
        ...(record.verifyMs === undefined ? {} : { verifyMs: Math.round(record.verifyMs) }),
        ...(record.detail ? { detail: record.detail } : {}),
      });
    },
  };
}

/**
 * The rule every change follows, whatever surface starts it: one operation per agent at a time (across
 * replicas, through the store's guard), then exactly one audit entry with the outcome — a failure included.
 */
export async function guardedChange<T>(
  rec: ChangeRecorder,
  agent: { id: string; name: string },
  action: AuditAction,
  run: () => Promise<{ result: T; record: ChangeRecord }>,
): Promise<Guarded<T>> {
  const held = await beginChange(rec, agent, action);
  if ('kind' in held) return held;
  let record: ChangeRecord = { outcome: 'failed' };
  try {
    const done = await run();
    record = done.record;
    return { kind: 'done', result: done.result };
  } catch (err) {
    // Input refused before anything was sent (an unknown reason, say) is not a change, so not audited.
    const outcome = err instanceof InvalidInputError ? 'refused' : 'failed';
    record = { outcome, detail: err instanceof Error ? err.message : String(err) };
    throw err;
  } finally {
    await held.finish(record);
  }
}
