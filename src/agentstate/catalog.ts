import { isCxoneError } from '../cxone/errors';
import type { Logger } from '../logger';
import type { Activity, AgentState, Skill, StateDefinition } from './model';
import type { Clock, CxonePort } from './ports';
import type { ResolvedState } from './types';

/**
 * Skills, activities and per-skill state definitions change rarely but are needed on every status card to
 * turn ids into names. They are cached for a TTL, and concurrent loads share one request (a burst of
 * slash commands after a cold start should cost one GET /skills, not twenty).
 */
export interface Catalog {
  skills(): Promise<Skill[]>;
  activities(): Promise<Activity[]>;
  skillStates(skillId: string): Promise<StateDefinition[]>;
  /** Names for the given states, sorted by skill name. Never fails on a name lookup: falls back to ids. */
  resolve(states: AgentState[]): Promise<ResolvedState[]>;
}

export const DEFAULT_CATALOG_TTL_MS = 5 * 60_000;

export function createCatalog(deps: {
  cxone: CxonePort;
  clock: Clock;
  ttlMs?: number;
  logger?: Logger;
}): Catalog {
  const cached = createTtlCache(deps.clock, deps.ttlMs ?? DEFAULT_CATALOG_TTL_MS);
  const catalog: Catalog = {
    skills: () => cached('skills', () => deps.cxone.listSkills()),
    activities: () => cached('activities', () => deps.cxone.listActivities()),
    skillStates: (skillId) =>
      cached(`skill-states:${skillId.toLowerCase()}`, () => deps.cxone.listSkillStates(skillId)),
    resolve: (states) => resolveNames(catalog, states, deps.logger),
  };
  return catalog;
}

/**
 * A state card is still useful with raw ids (e.g. when the client lacks Skills-Read), so a failing
 * lookup degrades to the id instead of failing the report.
 */
async function resolveNames(
  catalog: Catalog,
  states: AgentState[],
  logger?: Logger,
): Promise<ResolvedState[]> {
  if (states.length === 0) return [];
  const orEmpty = async <T>(what: string, load: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await load();
    } catch (err) {
      if (!isCxoneError(err)) throw err;
      logger?.warn({ err, what }, 'name lookup failed; showing ids');
      return [];
    }
  };
  const [skills, activities] = await Promise.all([
    orEmpty('skills', () => catalog.skills()),
    orEmpty('activities', () => catalog.activities()),
  ]);
  const skillIds = [...new Set(states.map((s) => s.skillId.toLowerCase()))];
  const definitions = (
    await Promise.all(skillIds.map((id) => orEmpty(`skill ${id} states`, () => catalog.skillStates(id))))
  ).flat();
  const nameOf = (list: Array<{ id: string; name: string }>, id: string) =>
    list.find((x) => x.id.toLowerCase() === id.toLowerCase())?.name ?? id;
  return states
    .map((state) => ({
      state,
      skillName: nameOf(skills, state.skillId),
      stateName: nameOf(definitions, state.stateId),
      activityName: nameOf(activities, state.activityId),
      since: new Date(state.loginTime),
    }))
    .sort((a, b) => a.skillName.localeCompare(b.skillName));
}

type Cached = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** Keeps a value for `ttlMs`; a load in flight is shared; a failed load is not remembered. */
function createTtlCache(clock: Clock, ttlMs: number): Cached {
  const entries = new Map<string, { expiresAt: number; value: Promise<unknown> }>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && hit.expiresAt > clock.now()) return hit.value as Promise<T>;
    // Until it settles the entry never expires, so slow loads are still shared.
    const entry = { expiresAt: Number.POSITIVE_INFINITY, value: load() as Promise<unknown> };
    entries.set(key, entry);
    entry.value.then(
      () => {
        entry.expiresAt = clock.now() + ttlMs;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.value as Promise<T>;
  };
}
