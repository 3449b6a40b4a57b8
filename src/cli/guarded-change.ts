import type { Agent } from '../agentstate/model';
import { displayName } from '../agentstate/model';
import type { AuditAction, AuditLog } from '../store';
import type { CliServices } from './context';
import { CliExit, ExitCode } from './io';

export interface ChangeRecord {
  outcome: string;
  target?: string;
  verifyMs?: number;
  detail?: string;
}

/**
 * A change from the terminal follows the same rules as one from Slack: one operation per agent at a time
 * (across every replica and terminal, through the store), and one audit entry per change. The admin
 * running the CLI holds the CXone credentials, so no supervisor list applies; the actor is `cli:<user>`.
 */
export async function guardedChange<T>(
  services: CliServices,
  agent: Agent,
  action: AuditAction,
  run: () => Promise<{ result: T; record: ChangeRecord }>,
): Promise<T> {
  const { guard, audit } = await services.changes();
  const op = await guard.begin(agent.id, action, services.actor);
  if (!op.ok) {
    throw new CliExit(
      ExitCode.failed,
      `a ${op.action} for ${displayName(agent)} is already in progress, started by ${op.startedBy} at ${op.startedAt.toISOString()}`,
    );
  }
  let record: ChangeRecord = { outcome: 'failed' };
  try {
    const done = await run();
    record = done.record;
    return done.result;
  } catch (err) {
    record = { outcome: 'failed', detail: err instanceof Error ? err.message : String(err) };
    throw err;
  } finally {
    await op.end(record.outcome);
    await recordAudit(audit, services.actor, agent, action, record);
  }
}

async function recordAudit(
  audit: AuditLog,
  actor: string,
  agent: Agent,
  action: AuditAction,
  r: ChangeRecord,
) {
  await audit.record({
    at: new Date(),
    actor,
    action,
    agentId: agent.id,
    agentName: displayName(agent),
    outcome: r.outcome,
    ...(r.target ? { target: r.target } : {}),
    ...(r.verifyMs === undefined ? {} : { verifyMs: Math.round(r.verifyMs) }),
    ...(r.detail ? { detail: r.detail } : {}),
  });
}
