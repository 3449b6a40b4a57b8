import type { Agent } from './model';
import type { Clock } from './ports';

/**
 * Agents found by id, remembered briefly. CXone has no GET /agents/{id}, so naming an agent costs a search;
 * a profile (name, email) changes rarely, and remembering it for a minute makes a repeated status card
 * cost one call (GET .../states) instead of two. The diagnosis still re-reads the profile it relies on.
 */
export interface AgentDirectory<A extends { id: string } = Agent> {
  get(id: string): A | undefined;
  remember(agent: A): void;
}

export const AGENT_DIRECTORY_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export function createAgentDirectory<A extends { id: string } = Agent>(
  clock: Clock,
  ttlMs = AGENT_DIRECTORY_TTL_MS,
): AgentDirectory<A> {
  const entries = new Map<string, { agent: A; expiresAt: number }>();
  return {
    get(id) {
      const key = id.toLowerCase();
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expiresAt <= clock.now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.agent;
    },
    remember(agent) {
      // Insertion order is age order: drop the oldest when full.
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(agent.id.toLowerCase(), { agent, expiresAt: clock.now() + ttlMs });
    },
  };
}
