import type { BulkFix, Floor, FloorAgent, FloorGroup, FloorGroupKey, FloorScope } from './model';

/** Problems first, then people at work: the order a supervisor scans at 8 a.m. */
export const GROUP_ORDER: FloorGroupKey[] = ['unavailable', 'no_state', 'logged_out', 'working', 'available'];

const TITLES: Record<FloorGroupKey, string> = {
  unavailable: 'Unavailable',
  no_state: 'Logged in, no state',
  logged_out: 'Logged out',
  working: 'Working',
  available: 'Available',
};

export function emptyCounts(): Record<FloorGroupKey, number> {
  return { unavailable: 0, no_state: 0, logged_out: 0, working: 0, available: 0 };
}

export function groupKeyOf(agent: FloorAgent): FloorGroupKey {
  return agent.kind === 'logged_in_no_state' ? 'no_state' : agent.kind;
}

/** Longest in the state first; agents with no known start last, by name. */
function byLongest(a: FloorAgent, b: FloorAgent): number {
  const ta = a.since?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.since?.getTime() ?? Number.POSITIVE_INFINITY;
  return ta - tb || a.name.localeCompare(b.name);
}

/**
 * Groups agents by what they are doing, unavailable ones by reason (the largest reason group first), each
 * group longest-in-state first, and counts them.
 */
export function groupAgents(agents: FloorAgent[]): {
  groups: FloorGroup[];
  counts: Record<FloorGroupKey, number>;
} {
  const counts = emptyCounts();
  const buckets = new Map<string, FloorGroup>();
  for (const agent of agents) {
    const key = groupKeyOf(agent);
    counts[key] += 1;
    const reason = key === 'unavailable' ? (agent.reason ?? '') : undefined;
    const id = `${key}:${reason ?? ''}`;
    let group = buckets.get(id);
    if (!group) {
      const title = key === 'unavailable' ? `Unavailable — ${reason || 'no reason'}` : TITLES[key];
      group = { key, title, ...(reason === undefined ? {} : { reason }), agents: [] };
      buckets.set(id, group);
    }
    group.agents.push(agent);
  }
  const groups = [...buckets.values()];
  for (const g of groups) g.agents.sort(byLongest);
  groups.sort(
    (a, b) => GROUP_ORDER.indexOf(a.key) - GROUP_ORDER.indexOf(b.key) || b.agents.length - a.agents.length,
  );
  return { groups, counts };
}

export function buildFloor(scope: FloorScope, agents: FloorAgent[], readAt: Date, fixes: BulkFix[]): Floor {
  const { groups, counts } = groupAgents(agents);
  return {
    scope,
    groups,
    counts,
    total: agents.length,
    readAt,
    fixes: fixes.filter((f) => f.agents.length > 0),
  };
}
