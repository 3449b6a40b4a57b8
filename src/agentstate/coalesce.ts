import type { CxonePort } from './ports';

/**
 * Identical reads that are in flight at the same time share one CXone call: a burst of `/agentstate maria`
 * from ten supervisors costs one GET, not ten. Nothing is cached once the call settles — the next read
 * asks CXone again — so a verification poll never sees an answer older than its own request's start
 * by more than the one call it joined. Writes (login, logout) are never shared.
 */
export function coalesceReads(port: CxonePort): CxonePort {
  const inFlight = new Map<string, Promise<unknown>>();
  const shared = <T>(key: string, call: () => Promise<T>): Promise<T> => {
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const p = call().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };
  return {
    tokenInfo: () => shared('token', () => port.tokenInfo()),
    searchAgents: (q) =>
      shared(`agents:${q.search ?? ''}:${q.page ?? ''}:${q.pageSize ?? ''}`, () => port.searchAgents(q)),
    getAgentStates: (agentId) =>
      shared(`states:${agentId.toLowerCase()}`, () => port.getAgentStates(agentId)),
    getAllAgentStates: (since) => shared(`bulk:${since ?? ''}`, () => port.getAllAgentStates(since)),
    loginAgent: (agentId, body) => port.loginAgent(agentId, body),
    logoutAgent: (agentId, stateId) => port.logoutAgent(agentId, stateId),
    listSkills: () => shared('skills', () => port.listSkills()),
    listSkillStates: (skillId) =>
      shared(`skill-states:${skillId.toLowerCase()}`, () => port.listSkillStates(skillId)),
    listActivities: () => shared('activities', () => port.listActivities()),
  };
}
