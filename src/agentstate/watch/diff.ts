import type { KnownAgentStates } from '../../store/port';
import type { AgentState } from '../model';
import type { WatchDialect } from './dialect';

export interface StateDiff<S> {
  /** Current state of every watched agent we know something about (fetched, else last known). */
  current: Map<string, S>;
  /** Records to save: agents first seen (baseline) or whose state changed. */
  upsert: KnownAgentStates[];
  /** Last-known records of agents nobody watches any more, so a later re-watch starts from a fresh baseline. */
  forget: string[];
  /** Watched agents whose state changed (first sight excluded). */
  changed: number;
  /** Agents that were in (a skill; a session) and now are out, with what they had. */
  dropped: Array<{ agentId: string; previous: S }>;
}

const stateKey = (s: AgentState) => `${s.skillId}|${s.stateId}|${s.activityId}|${s.loginTime}`.toLowerCase();

/** Order-insensitive: CXone does not promise an order of an agent's states. */
export function sameStates(a: readonly AgentState[], b: readonly AgentState[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  const keys = new Set(a.map(stateKey));
  return b.every((s) => keys.has(stateKey(s)));
}

/**
 * Compares the watched agents' fetched states with the last known ones. An agent seen for the first time
 * only sets the baseline: nothing is reported about it, whatever its state. An agent that dropped and came
 * back between two polls looks unchanged (or merely re-logged), so it is never reported either.
 *
 * `known` holds every stored record; `undefined` for one the dialect cannot read (another dialect's row),
 * which counts as first sight.
 */
export function diffStates<S>(input: {
  watched: readonly string[];
  known: ReadonlyMap<string, S | undefined>;
  fetched: ReadonlyMap<string, S>;
  now: Date;
  dialect: Pick<WatchDialect<S, unknown, unknown>, 'same' | 'isIn'>;
}): StateDiff<S> {
  const { watched, known, fetched, now, dialect } = input;
  const diff: StateDiff<S> = { current: new Map(), upsert: [], forget: [], changed: 0, dropped: [] };
  for (const agentId of watched) {
    const before = known.get(agentId);
    const after = fetched.get(agentId) ?? before;
    if (after === undefined) continue; // neither read nor known (e.g. unknown to CXone)
    diff.current.set(agentId, after);
    if (before === undefined) {
      diff.upsert.push({ agentId, states: after, updatedAt: now });
      continue;
    }
    if (dialect.same(before, after)) continue;
    diff.changed++;
    diff.upsert.push({ agentId, states: after, updatedAt: now });
    if (dialect.isIn(before) && !dialect.isIn(after)) diff.dropped.push({ agentId, previous: before });
  }
  const watchedSet = new Set(watched);
  for (const agentId of known.keys()) if (!watchedSet.has(agentId)) diff.forget.push(agentId);
  return diff;
}

/** The skill of the most recent login: what "Log back in" should offer first. */
export function lastSkillOf(states: readonly AgentState[]): string | undefined {
  let latest: AgentState | undefined;
  for (const s of states) {
    if (!latest || Date.parse(s.loginTime) > Date.parse(latest.loginTime)) latest = s;
  }
  return latest?.skillId;
}
