import type { AgentState, BulkStates } from '../model';
import type { StatesPage, WatchedIds, WatchReader } from './dialect';
import type { StatesReader } from './fetch-states';

/**
 * The tutorial dialect's reads for the watcher. Its bulk endpoint lists logged-in states only (one per
 * skill), with `removed` naming agents that now have none.
 */
export function v2Reader(cxone: StatesReader): WatchReader<AgentState[]> {
  return {
    async changes(cursor, watched) {
      return page(await cxone.getAllAgentStates(cursor), watched, deltaStates);
    },
    async snapshot(watched) {
      return page(await cxone.getAllAgentStates(), watched, snapshotStates);
    },
    one: (agentId) => cxone.getAgentStates(agentId),
  };
}

function page(
  bulk: BulkStates,
  watched: WatchedIds,
  read: (bulk: BulkStates, watched: WatchedIds) => Map<string, AgentState[]>,
): StatesPage<AgentState[]> {
  return { states: read(bulk, watched), cursor: bulk.lastPollTime };
}

function groupStates(states: readonly AgentState[], index: WatchedIds, into: Map<string, AgentState[]>) {
  for (const state of states) {
    const id = index.get(state.agentId.toLowerCase());
    if (id === undefined) continue; // the snapshot holds the whole tenant; keep only watched agents
    const list = into.get(id);
    if (list) list.push(state);
    else into.set(id, [state]);
  }
}

/** A snapshot lists every logged-in state: a watched agent missing from it has none. */
function snapshotStates(bulk: BulkStates, index: WatchedIds): Map<string, AgentState[]> {
  const states = new Map<string, AgentState[]>();
  groupStates(bulk.states, index, states);
  for (const id of index.values()) if (!states.has(id)) states.set(id, []);
  return states;
}

/** A delta lists the full current states of agents that changed, and `removed` those now without any. */
function deltaStates(bulk: BulkStates, index: WatchedIds): Map<string, AgentState[]> {
  const states = new Map<string, AgentState[]>();
  groupStates(bulk.states, index, states);
  for (const removed of bulk.removed) {
    const id = index.get(removed.toLowerCase());
    if (id !== undefined && !states.has(id)) states.set(id, []);
  }
  return states;
}
