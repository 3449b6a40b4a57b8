/**
 * One state-changing operation per agent at a time. A second login for an agent whose login is still being
 * verified is refused with who started the first one. The in-memory guard serves a single process; the
 * store provides one that holds across replicas (see `store/`).
 */

export interface HeldOperation {
  ok: false;
  /** Who started the operation in progress (a Slack user id, or `cli:<user>`). */
  startedBy: string;
  startedAt: Date;
  action: string;
}

export interface AcquiredOperation {
  ok: true;
  id: string;
  /**
   * Releases the agent for the next operation; safe to call more than once. `outcome` is recorded by a
   * durable guard (e.g. `verified`, `not_visible`); the in-memory one ignores it.
   */
  end(outcome?: string): Promise<void>;
}

/**
 * What a durable guard records with the operation so that another process can finish or report it after a
 * crash: the target as given (JSON-serialisable) and where its progress message lives. Optional and
 * ignored by the in-memory guard.
 */
export interface OperationDetails {
  target?: unknown;
  message?: { channel: string; ts: string; responseUrl?: string };
}

export interface OperationGuard {
  begin(
    agentId: string,
    action: string,
    startedBy: string,
    details?: OperationDetails,
  ): Promise<AcquiredOperation | HeldOperation>;
}

export function createInMemoryOperationGuard(now: () => number = Date.now): OperationGuard {
  const held = new Map<string, { id: string; startedBy: string; startedAt: Date; action: string }>();
  let seq = 0;
  return {
    async begin(agentId, action, startedBy) {
      const current = held.get(agentId);
      if (current)
        return {
          ok: false,
          startedBy: current.startedBy,
          startedAt: current.startedAt,
          action: current.action,
        };
      const id = `op-${++seq}`;
      held.set(agentId, { id, startedBy, startedAt: new Date(now()), action });
      return {
        ok: true,
        id,
        async end() {
          if (held.get(agentId)?.id === id) held.delete(agentId);
        },
      };
    },
  };
}
