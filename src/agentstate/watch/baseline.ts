import type { WatcherStateStore } from '../../store/port';
import type { AgentState } from '../model';

type BaselineStore = Pick<WatcherStateStore, 'getStates' | 'saveStates'>;

/**
 * Watching starts from the agent's state at the moment of the watch. Without this, the first cycle after
 * `/agentstate watch` would take whatever it finds as a silent baseline, and an agent who dropped in the
 * seconds between the two would never be reported. Only an agent the watcher knows nothing about yet gets
 * a baseline: for one already watched elsewhere, the watcher's own last view stays authoritative.
 */
export function recordWatchBaseline(
  watcher: BaselineStore,
  agentId: string,
  states: AgentState[],
  at: Date,
): Promise<boolean> {
  return recordBaseline(watcher, agentId, states, at, Array.isArray);
}

/**
 * The same for any dialect: `state` is what its engine remembers of an agent, `readable` tells its own
 * records from another dialect's (which count as "knows nothing", as the engine treats them).
 */
export async function recordBaseline(
  watcher: BaselineStore,
  agentId: string,
  state: unknown,
  at: Date,
  readable: (stored: unknown) => boolean,
): Promise<boolean> {
  const known = (await watcher.getStates([agentId])).get(agentId);
  if (known && readable(known.states)) return false;
  await watcher.saveStates({ upsert: [{ agentId, states: state, updatedAt: at }] });
  return true;
}
