import { BadRequestError, InvalidInputError, MissingScopeError, NotFoundError } from '../../cxone/errors';
import type { Clock, CxonePort } from '../ports';
import { mapBounded } from './concurrency';
import { type WatchedIds, type WatchReader, watchedIds } from './dialect';
import type { WatchLogger } from './types';

/** The v2 port's agent-state reads (see v2-reader.ts). */
export type StatesReader = Pick<CxonePort, 'getAllAgentStates' | 'getAgentStates'>;

export interface FetchedStates<S> {
  mode: 'bulk' | 'per-agent';
  /**
   * Current states of the agents this fetch covers, keyed by the watched id. An agent absent here did not
   * change since the cursor (bulk delta) or could not be read (unknown to CXone): keep what was known.
   */
  states: Map<string, S>;
  /** The next `updatedSince`; only a bulk read yields one. */
  cursor?: string;
}

export interface FetchRequest {
  /** Watched agent ids, as the subscriptions spell them. */
  watched: readonly string[];
  /** Agents with a readable last-known record: the others need a baseline read. */
  known: ReadonlySet<string>;
  cursor: string | undefined;
}

export interface StateFetcherOptions {
  clock: Clock;
  logger: WatchLogger;
  concurrency: number;
  fallbackMs: number;
  newAgentReadLimit: number;
}

/** The bulk route is not open to this client (or this tenant): per-agent reads still work. */
function bulkRefused(err: unknown): boolean {
  return err instanceof MissingScopeError || err instanceof NotFoundError || err instanceof BadRequestError;
}

/** 400 on `updatedSince` (or a cursor our own client rejects): the cursor is bad, not the route. */
function cursorRejected(err: unknown): boolean {
  return err instanceof BadRequestError || err instanceof InvalidInputError;
}

/**
 * Reads the watched agents' states the cheapest way available, in any dialect: the bulk delta since the
 * cursor; a full snapshot when there is no usable cursor or many newly watched agents; per-agent reads with
 * bounded concurrency when the bulk route is refused — remembered for `fallbackMs` so each cycle does not
 * pay a failing call first. CXone errors other than a refused bulk route propagate (the cycle is skipped).
 */
export function createStateFetcher(opts: StateFetcherOptions) {
  let fallbackUntil = Number.NEGATIVE_INFINITY;

  async function fetch<S>(reader: WatchReader<S>, req: FetchRequest): Promise<FetchedStates<S>> {
    if (opts.clock.now() < fallbackUntil) return perAgent(reader, req.watched);
    try {
      return await bulk(reader, req);
    } catch (err) {
      if (!bulkRefused(err)) throw err;
      fallbackUntil = opts.clock.now() + opts.fallbackMs;
      opts.logger.warn(
        { err, retryBulkInMs: opts.fallbackMs },
        'watch: bulk agent states refused; reading watched agents one by one',
      );
      return perAgent(reader, req.watched);
    }
  }

  async function bulk<S>(reader: WatchReader<S>, req: FetchRequest): Promise<FetchedStates<S>> {
    const index = watchedIds(req.watched);
    if (req.cursor !== undefined) {
      const delta = await readDelta(reader, req.cursor, index);
      if (delta) {
        const { states } = delta;
        const unknown = req.watched.filter((id) => !req.known.has(id) && !states.has(id));
        if (unknown.length <= opts.newAgentReadLimit) {
          for (const [id, state] of await readEach(reader, unknown, opts)) states.set(id, state);
          return { mode: 'bulk', states, cursor: delta.cursor };
        }
      }
    }
    const snapshot = await reader.snapshot(index);
    return { mode: 'bulk', states: snapshot.states, cursor: snapshot.cursor };
  }

  async function readDelta<S>(reader: WatchReader<S>, cursor: string, index: WatchedIds) {
    try {
      return await reader.changes(cursor, index);
    } catch (err) {
      if (!cursorRejected(err)) throw err;
      opts.logger.warn({ err, cursor }, 'watch: poll cursor rejected; reading a full snapshot');
      return undefined;
    }
  }

  async function perAgent<S>(reader: WatchReader<S>, watched: readonly string[]): Promise<FetchedStates<S>> {
    return { mode: 'per-agent', states: await readEach(reader, watched, opts) };
  }

  return { fetch };
}

/** Per-agent reads, `concurrency` at a time; the first failure other than an unknown agent stops them. */
async function readEach<S>(
  reader: WatchReader<S>,
  ids: readonly string[],
  opts: Pick<StateFetcherOptions, 'concurrency' | 'logger'>,
): Promise<Map<string, S>> {
  const states = new Map<string, S>();
  await mapBounded(ids, opts.concurrency, async (id) => {
    try {
      states.set(id, await reader.one(id));
    } catch (err) {
      // A watched agent deleted in CXone: keep its last known state rather than report it as dropped.
      if (!(err instanceof NotFoundError)) throw err;
      opts.logger.warn({ agentId: id }, 'watch: watched agent unknown to CXone; skipped');
    }
  });
  return states;
}

/** Counts the reader's calls of one cycle, failed ones included: the figure the rate limit cares about. */
export function countCalls<S>(reader: WatchReader<S>): { reader: WatchReader<S>; calls: () => number } {
  let n = 0;
  const counted: WatchReader<S> = {
    changes: (cursor, watched) => {
      n++;
      return reader.changes(cursor, watched);
    },
    snapshot: (watched) => {
      n++;
      return reader.snapshot(watched);
    },
    one: (agentId) => {
      n++;
      return reader.one(agentId);
    },
  };
  return { reader: counted, calls: () => n };
}
