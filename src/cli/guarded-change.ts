import { type ChangeRecord, guardedChange as guarded } from '../agentstate/guarded-change';
import type { Agent } from '../agentstate/model';
import { displayName } from '../agentstate/model';
import type { AuditAction } from '../store';
import type { CliServices } from './context';
import { formatLocalTime } from './format';
import { CliExit, ExitCode } from './io';

export type { ChangeRecord };

/**
 * A change from the terminal follows the same rules as one from Slack (see agentstate/guarded-change).
 * The admin running the CLI holds the CXone credentials, so no supervisor list applies; the actor is
 * `cli:<user>`. An agent already being changed ends the command, naming who started it.
 */
export async function guardedChange<T>(
  services: CliServices,
  agent: Agent,
  action: AuditAction,
  run: () => Promise<{ result: T; record: ChangeRecord }>,
): Promise<T> {
  const { guard, audit } = await services.changes();
  const name = displayName(agent);
  const done = await guarded({ guard, audit, actor: services.actor }, { id: agent.id, name }, action, run);
  if (done.kind === 'done') return done.result;
  throw new CliExit(
    ExitCode.failed,
    `a ${done.action} for ${name} is already in progress, started by ${done.startedBy} at ${formatLocalTime(done.startedAt)}`,
  );
}
