import type { Logger } from '../logger';
import type { Clock } from './ports';

/**
 * Every agent of the tenant, read once (paged) and kept: names, emails and teams change rarely, and a floor
 * view or a drop notice must name people without one CXone call per agent. After `ttlMs` the next read is
 * served from the cache while a refresh runs in the background, so no caller waits on a refresh but the
 * first; a failed refresh keeps the old roster and is retried on the next read.
 */
export interface Roster<A> {
  all(): Promise<A[]>;
  /** Drops the cache; the next read loads again (and waits for it). */
  invalidate(): void;
}

export const ROSTER_TTL_MS = 5 * 60_000;

export function createRoster<A>(opts: {
  load: () => Promise<A[]>;
  clock: Clock;
  ttlMs?: number;
  logger?: Logger;
}): Roster<A> {
  const ttlMs = opts.ttlMs ?? ROSTER_TTL_MS;
  let cached: { agents: A[]; loadedAt: number } | undefined;
  let loading: Promise<A[]> | undefined;

  const load = () => {
    loading ??= opts
      .load()
      .then((agents) => {
        cached = { agents, loadedAt: opts.clock.now() };
        return agents;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return {
    async all() {
      if (!cached) return load();
      if (opts.clock.now() - cached.loadedAt >= ttlMs)
        load().catch((err: unknown) =>
          opts.logger?.warn({ err }, 'agent roster refresh failed; keeping the old one'),
        );
      return cached.agents;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
