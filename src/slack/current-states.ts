import type { AgentStateService, ResolvedState } from '../agentstate/types';
import { mapBounded } from '../agentstate/watch/concurrency';
import { isCxoneError } from '../cxone/errors';

/**
 * Current states of a list of agents (the channel's watch list, App Home), read through the service with
 * bounded concurrency so a long list does not fire a burst of CXone calls. One agent failing only marks
 * that agent's line; it never fails the whole list.
 */

export type CurrentState =
  | { kind: 'in'; states: ResolvedState[] }
  | { kind: 'none' }
  | { kind: 'unknown'; reason: string };

export const STATE_READ_CONCURRENCY = 5;

export async function currentStates(
  service: Pick<AgentStateService, 'report'>,
  agentIds: readonly string[],
  opts: { concurrency?: number; max?: number } = {},
): Promise<Map<string, CurrentState>> {
  const ids = [...new Set(agentIds)].slice(0, opts.max ?? 50);
  const states = await mapBounded(ids, opts.concurrency ?? STATE_READ_CONCURRENCY, (id) =>
    readOne(service, id),
  );
  return new Map(ids.map((id, i) => [id, states[i]!]));
}

async function readOne(service: Pick<AgentStateService, 'report'>, agentId: string): Promise<CurrentState> {
  try {
    const report = await service.report(agentId);
    if (report.kind !== 'report') return { kind: 'unknown', reason: 'CXone no longer knows this agent' };
    return report.states.length ? { kind: 'in', states: report.states } : { kind: 'none' };
  } catch (err) {
    return { kind: 'unknown', reason: isCxoneError(err) ? err.code : 'read failed' };
  }
}
