import { StoreUnavailableError } from '../store/errors';
import type { Store } from '../store/port';

/**
 * What the Slack app needs of the store, and how it copes when the database goes away after start. Reads
 * that only improve an answer degrade to a note; changes (login, logout, switch, watch, unwatch) are refused
 * with the reason, because without the store they could be neither guarded across replicas nor audited.
 */

export type SlackStore = Pick<Store, 'subscriptions' | 'audit' | 'operations' | 'ping'> & {
  /** Optional so stores without the watcher still serve status and changes; the watch baseline needs it. */
  watcher?: Pick<Store['watcher'], 'getStates' | 'saveStates'> &
    /** The open drop notices: the floor's list of watched agents who dropped out of a skill. */
    Partial<Pick<Store['watcher'], 'openDrops'>>;
};

/** A store call that failed; `reason` is safe to show to a supervisor (credentials are never in it). */
export class StoreDownError extends Error {
  override readonly name = 'StoreDownError';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the app's database is not reachable (DATABASE_URL): ${reason}`, options);
  }
}

export interface StoreHealth {
  /** Last observed state: false after a failed store call, true again after one succeeds. */
  healthy(): boolean;
  /**
   * Runs a store call; on failure marks the store down and throws a StoreDownError with a short reason.
   * Every failure counts: a query error is as much a reason to refuse a change as a lost connection.
   */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Records a failure of a store call made outside `run`. */
  failed(err: unknown): void;
  /** Pings the store (never throws) and updates the signal. */
  check(): Promise<boolean>;
}

const MAX_REASON = 200;

/** A driver message clipped for humans. StoreUnavailableError messages already name DATABASE_URL redacted. */
export function storeReason(err: unknown): string {
  if (err instanceof StoreDownError) return err.reason;
  if (err instanceof StoreUnavailableError) return err.message;
  const message = err instanceof Error ? err.message || err.name : String(err);
  const code = (err as { code?: unknown }).code;
  const text = typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

export function createStoreHealth(store: Pick<Store, 'ping'> | undefined): StoreHealth {
  let healthy = true;
  return {
    healthy: () => healthy,
    async run(call) {
      try {
        const result = await call();
        healthy = true;
        return result;
      } catch (err) {
        healthy = false;
        throw err instanceof StoreDownError ? err : new StoreDownError(storeReason(err), { cause: err });
      }
    },
    failed() {
      healthy = false;
    },
    async check() {
      if (!store) return true;
      healthy = await store.ping().catch(() => false);
      return healthy;
    },
  };
}
