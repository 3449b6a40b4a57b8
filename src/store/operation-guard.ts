import {
  type AcquiredOperation,
  HEARTBEAT_INTERVAL_MS,
  type OperationGuard,
} from '../agentstate/operation-guard';
import type { Logger } from '../logger';
import type { AuditOutcome, OperationStore } from './port';

export interface StoreOperationGuardOptions {
  /** This process's owner id (`store/owner.ts`), recorded as the operation's owner. */
  owner: string;
  /** Recorded when `end()` is called without an outcome (the guard interface carries none). */
  defaultOutcome?: AuditOutcome;
  /** How often a running operation refreshes its claim. Default `HEARTBEAT_INTERVAL_MS`. */
  heartbeatMs?: number;
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/** A guard whose operations can be wound down before the store closes. */
export interface DurableOperationGuard extends OperationGuard {
  /**
   * Graceful stop. Waits up to `graceMs` for the running operations to end (new ones may still begin
   * meanwhile: a click acknowledged just before the stop). Those still running are then told to stop
   * before reporting (their `signal` aborts) and their claims are released, so recovery finishes and
   * reports each once. Resolves when every operation has settled or `settleMs` more has passed; after
   * that, `begin` refuses.
   */
  drain(graceMs: number, settleMs?: number): Promise<{ leftToRecovery: number }>;
}

/** Why an operation's signal aborted. */
export class OperationHandedOverError extends Error {
  override readonly name = 'OperationHandedOverError';
}

interface Running {
  controller: AbortController;
  /** Stops the heartbeat: the operation is ending. */
  stopBeating(): void;
  /** The operation has ended or been abandoned: forget it. */
  settle(): void;
}

/**
 * The durable `OperationGuard`: the same contract as the in-memory one, but the "one operation per agent"
 * rule holds across replicas and survives a restart. While an operation runs, its claim is refreshed every
 * `heartbeatMs`; one whose process died stops being refreshed, and a replica's sweep claims and reports it.
 */
export function createStoreOperationGuard(
  store: { operations: OperationStore },
  options: StoreOperationGuardOptions,
): DurableOperationGuard {
  const { owner, logger } = options;
  const defaultOutcome = options.defaultOutcome ?? 'ok';
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
  const running = new Map<string, Running>();
  let changed = signalOnce();
  let closed = false;

  function track(id: string): Running {
    const controller = new AbortController();
    const beat = setInterval(() => {
      store.operations.heartbeat(id, owner).then(
        (held) => {
          if (held || controller.signal.aborted) return;
          // Finished meanwhile, or another process claimed it (this one looked dead): stop before reporting.
          logger?.warn({ operationId: id }, 'operation taken over by another process; stopping it');
          controller.abort(new OperationHandedOverError('another process took this operation over'));
        },
        // The next beat tries again; a store down for longer than the thresholds lets recovery take over,
        // and the takeover is noticed at the first beat that gets through.
        (err: unknown) => logger?.warn({ err, operationId: id }, 'could not refresh an operation claim'),
      );
    }, heartbeatMs);
    beat.unref();
    const entry: Running = {
      controller,
      stopBeating: () => clearInterval(beat),
      settle: () => {
        clearInterval(beat);
        if (running.get(id) === entry) running.delete(id);
        changed.fire();
        changed = signalOnce();
      },
    };
    running.set(id, entry);
    return entry;
  }

  return {
    async begin(agentId, action, startedBy, details = {}) {
      if (closed) throw new Error('the app is shutting down; try again in a moment');
      const result = await store.operations.begin({
        agentId,
        action,
        startedBy,
        owner,
        ...(details.target === undefined ? {} : { target: details.target }),
        ...(details.message ? { message: details.message } : {}),
      });
      if (!result.ok) {
        const { startedBy: by, startedAt, action: heldAction } = result.holder;
        return { ok: false, startedBy: by, startedAt, action: heldAction };
      }
      const { id } = result.operation;
      const entry = track(id);
      const acquired: AcquiredOperation = {
        ok: true,
        id,
        signal: entry.controller.signal,
        // complete() only finishes an unfinished row, so calling end() twice is harmless.
        end: async (outcome: AuditOutcome = defaultOutcome) => {
          entry.stopBeating();
          try {
            await store.operations.complete(id, outcome);
          } finally {
            entry.settle();
          }
        },
        abandon: async () => {
          entry.stopBeating();
          try {
            await store.operations.release(id, owner);
          } finally {
            entry.settle();
          }
        },
      };
      return acquired;
    },

    async drain(graceMs, settleMs = 5_000) {
      await untilIdle(graceMs);
      const left = [...running.entries()];
      closed = true;
      for (const [id, entry] of left) {
        logger?.info({ operationId: id }, 'stopping: operation left for recovery');
        entry.controller.abort(new OperationHandedOverError('the app is stopping'));
      }
      await untilIdle(settleMs);
      // Whatever still has not settled is stuck: stop its heartbeat and release it all the same.
      for (const [id, entry] of running) {
        entry.stopBeating();
        await store.operations.release(id, owner).catch(() => false);
      }
      return { leftToRecovery: left.length };
    },
  };

  async function untilIdle(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (running.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        changed.promise,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, deadline - Date.now());
        }),
      ]);
      clearTimeout(timer);
    }
  }
}

function signalOnce() {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}
