import type { WatcherStateStore } from '../../store/port';
import type { AgentState } from '../model';

/**
 * Watching starts from the agent's state at the moment of the watch. Without this, the first cycle after
 * `/agentstate watch` would take whatever it finds as a silent baseline, and an agent who dropped in the
 * seconds between the two would never be reported. Only an agent the watcher knows nothing about yet gets
 * a baseline: for one already watched elsewhere, the watcher's own last view stays authoritative.
 */
export async function recordWatchBaseline(
  watcher: Pick<WatcherStateStore, 'getStates' | 'saveStates'>,
  agentId: string,
  states: AgentState[],
  at: Date,
): Promise<boolean> {
  const known = await watcher.getStates([agentId]);
  if (known.has(agentId)) return false;
  await watcher.saveStates({ upsert: [{ agentId, states, updatedAt: at }] });
  return true;
}
