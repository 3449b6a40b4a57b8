import type { OperationGuard } from '../agentstate/operation-guard';
import type { AuditOutcome, OperationStore } from './port';

export interface StoreOperationGuardOptions {
  /** This replica's id, recorded as the operation's owner. */
  owner: string;
  /** Recorded when `end()` is called without an outcome (the guard interface carries none). */
  defaultOutcome?: AuditOutcome;
}

/**
 * The durable `OperationGuard`: the same contract as the in-memory one, but the "one operation per agent"
 * rule holds across replicas and survives a restart (an operation left unfinished by a dead process keeps
 * the agent held until a replica claims it with `operations.claimStale` and reports it).
 */
export function createStoreOperationGuard(
  store: { operations: OperationStore },
  options: StoreOperationGuardOptions,
): OperationGuard {
  const defaultOutcome = options.defaultOutcome ?? 'ok';
  return {
    async begin(agentId, action, startedBy, details = {}) {
      const result = await store.operations.begin({
        agentId,
        action,
        startedBy,
        owner: options.owner,
        ...(details.target === undefined ? {} : { target: details.target }),
        ...(details.message ? { message: details.message } : {}),
      });
      if (!result.ok) {
        const { startedBy: by, startedAt, action: heldAction } = result.holder;
        return { ok: false, startedBy: by, startedAt, action: heldAction };
      }
      const { id } = result.operation;
      return {
        ok: true,
        id,
        // complete() only finishes an unfinished row, so calling end() twice is harmless.
        end: async (outcome: AuditOutcome = defaultOutcome) => {
          await store.operations.complete(id, outcome);
        },
      };
    },
  };
}
