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
  const cancellable = new Map<
    string,
    { promise: Promise<unknown>; stop: AbortController; waiting: number }
  >();
  // A read that callers may abandon (a verify window closing): it is shared all the same, and the call to
  // CXone is abandoned only when the last caller waiting on it has left. A caller without a signal never
  // leaves early.
  const sharedUntilAbandoned = <T>(
    key: string,
    call: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let entry = cancellable.get(key);
    if (!entry) {
      const stop = new AbortController();
      const promise = call(stop.signal);
      const created = { promise, stop, waiting: 0 };
      promise.then(
        () => cancellable.get(key) === created && cancellable.delete(key),
        () => cancellable.get(key) === created && cancellable.delete(key),
      );
      cancellable.set(key, created);
      entry = created;
    }
    const joined = entry;
    joined.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        joined.waiting -= 1;
        if (joined.waiting === 0) {
          if (cancellable.get(key) === joined) cancellable.delete(key);
          joined.stop.abort(signal?.reason);
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      (joined.promise as Promise<T>).then(resolve, reject).finally(() => {
        signal?.removeEventListener('abort', leave);
      });
    });
  };
  return {
    tokenInfo: () => shared('token', () => port.tokenInfo()),
    searchAgents: (q) =>
      shared(`agents:${q.search ?? ''}:${q.page ?? ''}:${q.pageSize ?? ''}`, () => port.searchAgents(q)),
    getAgentStates: (agentId, opts) =>
      sharedUntilAbandoned(
        `states:${agentId.toLowerCase()}`,
        (signal) => port.getAgentStates(agentId, { signal }),
        opts?.signal,
      ),
    getAllAgentStates: (since) => shared(`bulk:${since ?? ''}`, () => port.getAllAgentStates(since)),
    loginAgent: (agentId, body) => port.loginAgent(agentId, body),
    logoutAgent: (agentId, stateId) => port.logoutAgent(agentId, stateId),
    listSkills: () => shared('skills', () => port.listSkills()),
    listSkillStates: (skillId) =>
      shared(`skill-states:${skillId.toLowerCase()}`, () => port.listSkillStates(skillId)),
    listActivities: () => shared('activities', () => port.listActivities()),
  };
}
