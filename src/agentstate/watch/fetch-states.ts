import { BadRequestError, InvalidInputError, MissingScopeError, NotFoundError } from '../../cxone/errors';
import type { AgentState, BulkStates } from '../model';
import type { Clock, CxonePort } from '../ports';
import { mapBounded } from './concurrency';
import type { WatchLogger } from './types';

export type StatesReader = Pick<CxonePort, 'getAllAgentStates' | 'getAgentStates'>;

export interface FetchedStates {
  mode: 'bulk' | 'per-agent';
  /**
   * Current states of the agents this fetch covers, keyed by the watched id. An agent absent here did not
   * change since the cursor (bulk delta) or could not be read (unknown to CXone): keep what was known.
   */
  states: Map<string, AgentState[]>;
  /** The next `updatedSince`; only a bulk read yields one. */
  cursor?: string;
}

export interface FetchRequest {
  /** Watched agent ids, as the subscriptions spell them. */
  watched: readonly string[];
  /** Agents with a last-known record: the others need a baseline read. */
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
 * Reads the watched agents' states the cheapest way available: the bulk delta since the cursor; a full
 * snapshot when there is no usable cursor or many newly watched agents; per-agent reads with bounded
 * concurrency when the bulk route is refused — remembered for `fallbackMs` so each cycle does not pay a
 * failing call first. CXone errors other than a refused bulk route propagate (the cycle is skipped).
 */
export function createStateFetcher(opts: StateFetcherOptions) {
  let fallbackUntil = Number.NEGATIVE_INFINITY;

  async function fetch(cxone: StatesReader, req: FetchRequest): Promise<FetchedStates> {
    if (opts.clock.now() < fallbackUntil) return perAgent(cxone, req.watched);
    try {
      return await bulk(cxone, req);
    } catch (err) {
      if (!bulkRefused(err)) throw err;
      fallbackUntil = opts.clock.now() + opts.fallbackMs;
      opts.logger.warn(
        { err, retryBulkInMs: opts.fallbackMs },
        'watch: bulk agent states refused; reading watched agents one by one',
      );
      return perAgent(cxone, req.watched);
    }
  }

  async function bulk(cxone: StatesReader, req: FetchRequest): Promise<FetchedStates> {
    const index = indexWatched(req.watched);
    if (req.cursor !== undefined) {
      const delta = await readDelta(cxone, req.cursor);
      if (delta) {
        const states = deltaStates(delta, index);
        const unknown = req.watched.filter((id) => !req.known.has(id) && !states.has(id));
        if (unknown.length <= opts.newAgentReadLimit) {
          for (const [id, list] of await readEach(cxone, unknown, opts)) states.set(id, list);
          return { mode: 'bulk', states, cursor: delta.lastPollTime };
        }
      }
    }
    const snapshot = await cxone.getAllAgentStates();
    return { mode: 'bulk', states: snapshotStates(snapshot, index), cursor: snapshot.lastPollTime };
  }

  async function readDelta(cxone: StatesReader, cursor: string): Promise<BulkStates | undefined> {
    try {
      return await cxone.getAllAgentStates(cursor);
    } catch (err) {
      if (!cursorRejected(err)) throw err;
      opts.logger.warn({ err, cursor }, 'watch: poll cursor rejected; reading a full snapshot');
      return undefined;
    }
  }

  async function perAgent(cxone: StatesReader, watched: readonly string[]): Promise<FetchedStates> {
    return { mode: 'per-agent', states: await readEach(cxone, watched, opts) };
  }

  return { fetch };
}

/** Per-agent reads, `concurrency` at a time; the first failure other than an unknown agent stops them. */
async function readEach(
  cxone: StatesReader,
  ids: readonly string[],
  opts: Pick<StateFetcherOptions, 'concurrency' | 'logger'>,
): Promise<Map<string, AgentState[]>> {
  const states = new Map<string, AgentState[]>();
  await mapBounded(ids, opts.concurrency, async (id) => {
    try {
      states.set(id, await cxone.getAgentStates(id));
    } catch (err) {
      // A watched agent deleted in CXone: keep its last known state rather than report it as dropped.
      if (!(err instanceof NotFoundError)) throw err;
      opts.logger.warn({ agentId: id }, 'watch: watched agent unknown to CXone; skipped');
    }
  });
  return states;
}

/** CXone ids are UUIDs compared case-insensitively; map them back to the subscription's spelling. */
function indexWatched(watched: readonly string[]): Map<string, string> {
  return new Map(watched.map((id) => [id.toLowerCase(), id]));
}

function groupStates(
  states: readonly AgentState[],
  index: Map<string, string>,
  into: Map<string, AgentState[]>,
) {
  for (const state of states) {
    const id = index.get(state.agentId.toLowerCase());
    if (id === undefined) continue; // the snapshot holds the whole tenant; keep only watched agents
    const list = into.get(id);
    if (list) list.push(state);
    else into.set(id, [state]);
  }
}

/** A snapshot lists every logged-in state: a watched agent missing from it has none. */
function snapshotStates(page: BulkStates, index: Map<string, string>): Map<string, AgentState[]> {
  const states = new Map<string, AgentState[]>();
  groupStates(page.states, index, states);
  for (const id of index.values()) if (!states.has(id)) states.set(id, []);
  return states;
}

/** A delta lists the full current states of agents that changed, and `removed` those now without any. */
function deltaStates(page: BulkStates, index: Map<string, string>): Map<string, AgentState[]> {
  const states = new Map<string, AgentState[]>();
  groupStates(page.states, index, states);
  for (const removed of page.removed) {
    const id = index.get(removed.toLowerCase());
    if (id !== undefined && !states.has(id)) states.set(id, []);
  }
  return states;
}
