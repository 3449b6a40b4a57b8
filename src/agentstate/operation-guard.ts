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
  /**
   * Aborted when this process must not finish the operation: it is stopping (and the operation outlived
   * the grace period), or another process has taken it over. The operation then stops before reporting
   * anything and calls `abandon`; recovery reports it, so the supervisor gets exactly one result. A guard
   * that never hands operations over (the in-memory one) has none.
   */
  signal?: AbortSignal;
  /** Leaves the operation unfinished for recovery, after `signal` aborted. Safe to call more than once. */
  abandon?(): Promise<void>;
}

/**
 * How often a running operation refreshes its claim in the store. Small against the thresholds below, so
 * a beat missed to a busy event loop or a slow query never makes a live operation look dead.
 */
export const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * How long the claim of an operation left by this replica's previous process (same host and port) must
 * have lapsed before it is taken: a few missed heartbeats, so a restart finishes it within seconds.
 */
export function defaultOrphanAfterMs(heartbeatMs: number = HEARTBEAT_INTERVAL_MS): number {
  return 5 * heartbeatMs;
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
