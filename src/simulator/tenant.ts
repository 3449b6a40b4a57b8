import { type Catalog, seedTenant } from './seed';
import { AVAILABLE } from './seed-data';
import { StateBook } from './state-book';
import type { SimActivity, SimAgent, SimAgentState, SimSkill, SimStateDefinition } from './types';

export interface LoginInput {
  skillId: string;
  stateId: string;
  activityId: string;
}

export type LoginOutcome =
  | {
      kind: 'accepted';
      state: SimAgentState /** false ⇒ 201 but the state never appears */;
      appears: boolean;
    }
  | { kind: 'agent_inactive' }
  | { kind: 'unknown_skill' }
  | { kind: 'skill_inactive'; skill: SimSkill }
  | { kind: 'conflict'; skill: SimSkill };

export type SetStatesOutcome = { kind: 'ok'; states: SimAgentState[] } | { kind: 'invalid'; message: string };

/** Read access to the seeded tenant, for tests and the banner. Reflects the tenant after a reset too. */
export interface TenantView {
  readonly seed: number;
  readonly agents: readonly SimAgent[];
  readonly skills: readonly SimSkill[];
  readonly activities: readonly SimActivity[];
  agent(id: string): SimAgent | undefined;
  skillByName(name: string): SimSkill | undefined;
  activityByName(name: string): SimActivity | undefined;
  stateDefinitions(skillId: string): readonly SimStateDefinition[];
  /** Id of the skill's "Logged In" state definition: the `stateId` a valid login uses. */
  loginStateId(skillId: string): string | undefined;
  /** Skills an agent cannot hold together share a group name. */
  conflictGroup(skillId: string): string | undefined;
  /** What `GET /api/v2/agents/{id}/states` would answer now. */
  visibleStates(agentId: string): SimAgentState[];
}

/** The tenant's catalog plus its agent states, with the contract's rules and none of its HTTP. */
export class Tenant implements TenantView {
  readonly book = new StateBook();
  readonly catalog: Catalog;
  /** Lower-cased "id\nemail\nuserName\nfirst last" per agent; built on the first search, not at start. */
  private searchText: string[] | undefined;

  constructor(
    readonly seed: number,
    agentCount: number,
  ) {
    const seeded = seedTenant(seed, agentCount);
    this.catalog = seeded.catalog;
    const start = Date.now();
    const loginTime = new Date(start).toISOString();
    const byAgent = new Map<string, SimAgentState[]>();
    for (const l of seeded.logins) {
      const state = { ...l, stateId: this.loginStateId(l.skillId) ?? '', loginTime };
      byAgent.set(l.agentId, [...(byAgent.get(l.agentId) ?? []), state]);
    }
    for (const [agentId, states] of byAgent) this.book.replace(agentId, states, start);
  }

  get agents() {
    return this.catalog.agents;
  }
  get skills() {
    return this.catalog.skills;
  }
  get activities() {
    return this.catalog.activities;
  }
  agent(id: string) {
    return this.catalog.agentById.get(id);
  }
  skillByName(name: string) {
    return this.catalog.skills.find((s) => s.name === name);
  }
  activityByName(name: string) {
    return this.catalog.activities.find((a) => a.name === name);
  }
  stateDefinitions(skillId: string) {
    return this.catalog.stateDefsBySkill.get(skillId) ?? [];
  }
  loginStateId(skillId: string) {
    return this.catalog.loginStateBySkill.get(skillId);
  }
  conflictGroup(skillId: string) {
    return this.catalog.conflictGroupBySkill.get(skillId);
  }
  visibleStates(agentId: string) {
    return this.book.visible(agentId, Date.now());
  }

  /** Case-insensitive substring over id, email, user name, first, last and "first last". */
  searchAgents(search: string, page: number, pageSize: number) {
    const needle = search.trim().toLowerCase();
    const { agents } = this.catalog;
    this.searchText ??= agents.map((a) =>
      [a.id, a.email, a.userName, `${a.firstName} ${a.lastName}`].join('\n').toLowerCase(),
    );
    const searchText = this.searchText;
    const matches = needle ? agents.filter((_, i) => searchText[i]?.includes(needle)) : agents;
    const start = (page - 1) * pageSize;
    return { entities: matches.slice(start, start + pageSize), page, pageSize, total: matches.length };
  }

  /** Validation order: agent state, skill, conflict, then (silently) state and activity — see LoginOutcome. */
  login(agent: SimAgent, input: LoginInput, now: number, delayMs: number): LoginOutcome {
    if (!agent.isActive) return { kind: 'agent_inactive' };
    const skill = this.catalog.skillById.get(input.skillId);
    if (!skill) return { kind: 'unknown_skill' };
    if (!skill.isActive) return { kind: 'skill_inactive', skill };
    const conflict = this.conflictFor(agent.id, skill.id);
    if (conflict) return { kind: 'conflict', skill: conflict };

    const state: SimAgentState = { agentId: agent.id, ...input, loginTime: new Date(now).toISOString() };
    // The tutorial's "empty array after login": CXone accepts these and the state never shows up. Such a
    // login holds nothing, so it does not block a corrected retry with 409.
    const appears =
      input.stateId === this.loginStateId(skill.id) && this.catalog.activityById.has(input.activityId);
    if (appears) this.book.login(state, now, now + delayMs);
    return { kind: 'accepted', state, appears };
  }

  logout(agentId: string, stateId: string, now: number, delayMs: number): boolean {
    return this.book.logout(agentId, stateId, now, now + delayMs);
  }

  /** Control endpoint: the agent holds exactly these skills from now on, visible at once. */
  setStates(
    agentId: string,
    wanted: Array<{ skillId: string; activityId?: string }>,
    now: number,
  ): SetStatesOutcome {
    const seen = new Set<string>();
    const states: SimAgentState[] = [];
    const loginTime = new Date(now).toISOString();
    for (const w of wanted) {
      const stateId = this.loginStateId(w.skillId);
      if (!stateId) return { kind: 'invalid', message: `unknown skillId ${w.skillId}` };
      if (seen.has(w.skillId)) return { kind: 'invalid', message: `skillId ${w.skillId} listed twice` };
      seen.add(w.skillId);
      const activityId = w.activityId ?? this.activityByName(AVAILABLE)?.id ?? '';
      if (!this.catalog.activityById.has(activityId))
        return { kind: 'invalid', message: `unknown activityId ${activityId}` };
      states.push({ agentId, stateId, skillId: w.skillId, loginTime, activityId });
    }
    this.book.replace(agentId, states, now);
    return { kind: 'ok', states };
  }

  private conflictFor(agentId: string, skillId: string): SimSkill | undefined {
    const group = this.conflictGroup(skillId);
    const held = this.book
      .held(agentId)
      .find((s) => s.skillId === skillId || (group !== undefined && this.conflictGroup(s.skillId) === group));
    return held ? this.catalog.skillById.get(held.skillId) : undefined;
  }
}
