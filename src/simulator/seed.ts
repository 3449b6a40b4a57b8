import { createRandom } from './random';
import {
  ACTIVITY_NAMES,
  AVAILABLE,
  FIRST_NAMES,
  LAST_NAMES,
  LOGGED_IN,
  SKILL_SEEDS,
  STATE_NAMES,
} from './seed-data';
import type { SimActivity, SimAgent, SimSkill, SimStateDefinition } from './types';

/** Everything about the tenant that does not change while running. */
export interface Catalog {
  agents: readonly SimAgent[];
  agentById: ReadonlyMap<string, SimAgent>;
  skills: readonly SimSkill[];
  skillById: ReadonlyMap<string, SimSkill>;
  conflictGroupBySkill: ReadonlyMap<string, string>;
  stateDefsBySkill: ReadonlyMap<string, readonly SimStateDefinition[]>;
  loginStateBySkill: ReadonlyMap<string, string>;
  activities: readonly SimActivity[];
  activityById: ReadonlyMap<string, SimActivity>;
}

export interface InitialLogin {
  agentId: string;
  skillId: string;
  activityId: string;
}

export interface SeededTenant {
  catalog: Catalog;
  logins: InitialLogin[];
}

/**
 * Builds the tenant from the seed. Catalog, agents and logins draw from separate streams so that skill and
 * activity ids do not depend on `agentCount`, and the first N agents are the same for any count ≥ N.
 */
export function seedTenant(seed: number, agentCount: number): SeededTenant {
  const catalogRandom = createRandom(seed);
  const skills = SKILL_SEEDS.map((s) => ({ id: catalogRandom.uuid(), name: s.name, isActive: s.isActive }));
  const conflictGroupBySkill = new Map<string, string>();
  const stateDefsBySkill = new Map<string, SimStateDefinition[]>();
  const loginStateBySkill = new Map<string, string>();
  skills.forEach((skill, i) => {
    const group = SKILL_SEEDS[i]?.conflictGroup;
    if (group) conflictGroupBySkill.set(skill.id, group);
    const defs = STATE_NAMES.map((name) => ({ id: catalogRandom.uuid(), name }));
    stateDefsBySkill.set(skill.id, defs);
    loginStateBySkill.set(skill.id, defs.find((d) => d.name === LOGGED_IN)?.id ?? '');
  });
  const activities = ACTIVITY_NAMES.map((name) => ({ id: catalogRandom.uuid(), name }));

  const agents = seedAgents(seed, agentCount);
  const catalog: Catalog = {
    agents,
    agentById: new Map(agents.map((a) => [a.id, a])),
    skills,
    skillById: new Map(skills.map((s) => [s.id, s])),
    conflictGroupBySkill,
    stateDefsBySkill,
    loginStateBySkill,
    activities,
    activityById: new Map(activities.map((a) => [a.id, a])),
  };
  return { catalog, logins: seedLogins(seed, catalog) };
}

function seedAgents(seed: number, count: number): SimAgent[] {
  const random = createRandom(seed ^ 0x5eed_a9e7);
  const taken = new Map<string, number>();
  // Names repeat in a large tenant; a numeric suffix keeps emails and user names unique like a real directory.
  const unique = (base: string): string => {
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };
  const agents: SimAgent[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const id = random.uuid();
    const local = unique(`${firstName}.${lastName}`.toLowerCase());
    const userName = unique(`${firstName[0]}${lastName}`.toLowerCase());
    agents.push({ id, firstName, lastName, email: `${local}@example.com`, userName, isActive: true });
  }
  return agents;
}

/**
 * Marks ~1/12 of the agents inactive (5 of 60) and logs ~1/3 in. The first logged-in agent is always in
 * "Sales EN", so every tenant has an agent whose login to "Sales ES" answers 409 (shown in the banner).
 */
function seedLogins(seed: number, catalog: Catalog): InitialLogin[] {
  const random = createRandom(seed ^ 0x10c1_4ed1);
  const agents = catalog.agents as SimAgent[];
  const n = agents.length;
  const order = random.shuffle(agents.map((_, i) => i));
  const inactiveCount = n < 2 ? 0 : Math.max(1, Math.round(n / 12));
  const loggedInCount = Math.min(n - inactiveCount, Math.round(n / 3));
  for (const i of order.slice(0, inactiveCount)) (agents[i] as SimAgent).isActive = false;

  const activeSkills = catalog.skills.filter((s) => s.isActive);
  const byName = (name: string) => catalog.skills.find((s) => s.name === name);
  const activityId = (name: string) => catalog.activities.find((a) => a.name === name)?.id ?? '';
  // Mostly Available, like a real floor.
  const activityPool = [AVAILABLE, AVAILABLE, AVAILABLE, ...ACTIVITY_NAMES.slice(1)].map(activityId);
  const group = (skillId: string) => catalog.conflictGroupBySkill.get(skillId);

  const logins: InitialLogin[] = [];
  order.slice(inactiveCount, inactiveCount + loggedInCount).forEach((index, k) => {
    const agentId = (agents[index] as SimAgent).id;
    const first = k === 0 ? (byName('Sales EN') ?? activeSkills[0]) : random.pick(activeSkills);
    if (!first) return;
    logins.push({
      agentId,
      skillId: first.id,
      activityId: k === 0 ? activityId(AVAILABLE) : random.pick(activityPool),
    });
    if (k === 0 || random.next() >= 0.25) return;
    // A quarter also hold a second skill that does not conflict with the first.
    const second = random.pick(activeSkills);
    const clash =
      second.id === first.id || (group(first.id) !== undefined && group(first.id) === group(second.id));
    if (!clash) logins.push({ agentId, skillId: second.id, activityId: random.pick(activityPool) });
  });
  return logins;
}
