import { createRandom, type Random } from '../random';
import { FIRST_NAMES, LAST_NAMES } from '../seed-data';
import { AGENT_SELF, type Catalog, digitsOf, type SeededTenant, type Session } from './catalog';
import {
  AGENT_TEAM_IDS,
  FIRST_AGENT_ID,
  FIXED_AGENTS,
  type FixedAgent,
  type SeedSituation,
  SKILLS,
  TEAM_SKILLS,
  TEAMS,
  UNAVAILABLE_CODES,
} from './seed-data';
import type { AgentStateName, IcAgent, IcSkillAssignment, IcStation, StateEntry } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Builds the tenant from the seed at time `start`. Names, skills, situations and history draw from separate
 * streams, so the first N agents are the same for any count ≥ N. Fixed agents (README) come first.
 */
export function seedTenant(seed: number, agentCount: number, start: number): SeededTenant {
  const count = Math.max(agentCount, FIXED_AGENTS.length);
  const names = createRandom(seed ^ 0x1c0_7ac7);
  const assign = createRandom(seed ^ 0x5c1_11a5);
  const situations = createRandom(seed ^ 0x57a7_e5);
  const times = createRandom(seed ^ 0x71_3e5);
  const tenantId = createRandom(seed).uuid();

  const unique = uniqueNames();
  const agents: IcAgent[] = [];
  const plans: SeedSituation[] = [];
  for (let i = 0; i < count; i++) {
    const fixed = FIXED_AGENTS[i];
    const person = fixed ?? randomPerson(names, situations);
    const agentId = FIRST_AGENT_ID + i;
    agents.push({
      agentId,
      userId: names.uuid(),
      firstName: person.firstName,
      lastName: person.lastName,
      email: `${unique(`${person.firstName}.${person.lastName}`.toLowerCase())}@example.com`,
      userName: unique(`${person.firstName[0]}${person.lastName}`.toLowerCase()),
      isActive: person.isActive ?? true,
      teamId: person.teamId,
      isSupervisor: person.isSupervisor ?? false,
      visible: person.visible ?? true,
      stationId: stationIdOf(agentId),
      skills: assignSkills(person.teamId, assign),
    });
    plans.push(person.situation);
  }

  const stations = [...agents.map((a) => agentStation(a.agentId)), ...SPARE_STATIONS];
  const catalog: Catalog = {
    tenantId,
    teams: TEAMS,
    teamById: new Map(TEAMS.map((t) => [t.teamId, t])),
    codes: UNAVAILABLE_CODES,
    codeById: new Map(UNAVAILABLE_CODES.map((c) => [c.id, c])),
    skills: SKILLS,
    skillById: new Map(SKILLS.map((s) => [s.skillId, s])),
    agents,
    agentById: new Map(agents.map((a) => [a.agentId, a])),
    agentByUserId: new Map(agents.map((a) => [a.userId, a])),
    stations,
    stationById: new Map(stations.map((s) => [s.stationId, s])),
    stationByPhone: new Map(stations.map((s) => [digitsOf(s.phoneNumber), s])),
  };

  const history = new HistoryBuilder(times, start, tenantId);
  for (const [i, agent] of agents.entries()) history.build(agent, plans[i] as SeedSituation);
  return {
    catalog,
    timelines: history.timelines,
    sessions: history.sessions,
    nextAgentSessionId: history.nextAgentSessionId,
    nextContactId: history.nextContactId,
  };
}

/** Agent n's own desk: station 5000 + n with a phone number that cannot collide for 10,000+ agents. */
const stationIdOf = (agentId: number) => 5000 + (agentId - FIRST_AGENT_ID + 1);
function agentStation(agentId: number): IcStation {
  const n = agentId - FIRST_AGENT_ID + 1;
  return {
    stationId: stationIdOf(agentId),
    stationName: `Desk ${String(n).padStart(3, '0')}`,
    phoneNumber: String(8_015_500_000 + n),
  };
}
/** Hot desks nobody has used: a session can start there without StationIDInUse. */
export const SPARE_STATIONS: readonly IcStation[] = [1, 2, 3].map((n) => ({
  stationId: 4000 + n,
  stationName: `Hot Desk ${n}`,
  phoneNumber: String(8_015_400_000 + n),
}));

function uniqueNames() {
  const taken = new Map<string, number>();
  // Names repeat in a large tenant; a numeric suffix keeps emails and user names unique like a real directory.
  return (base: string): string => {
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };
}

/** ~4% deactivated, ~3% hidden from the API users; states spread like a real floor. */
function randomPerson(names: Random, situations: Random): Omit<FixedAgent, 'role'> {
  const firstName = names.pick(FIRST_NAMES);
  const lastName = names.pick(LAST_NAMES);
  const teamId = situations.pick(AGENT_TEAM_IDS);
  const isActive = situations.next() >= 0.04;
  const visible = situations.next() >= 0.03;
  const team = TEAMS.find((t) => t.teamId === teamId);
  const reasons = UNAVAILABLE_CODES.filter((c) => c.isActive && team?.codeIds.includes(c.id));
  const r = situations.next();
  let situation: SeedSituation;
  if (!isActive) situation = { state: 'LoggedOut', sessionToday: false };
  else if (r < 0.32) situation = { state: 'Available' };
  else if (r < 0.55) situation = { state: 'Unavailable', code: situations.pick(reasons).name };
  else if (r < 0.67) situation = { state: 'InboundContact' };
  else if (r < 0.7) situation = { state: 'OutboundContact' };
  else if (r < 0.74) situation = { state: 'LoggedIn' };
  else situation = { state: 'LoggedOut', sessionToday: r < 0.88 };
  return { firstName, lastName, teamId, isActive, visible, situation };
}

function assignSkills(teamId: number, random: Random): IcSkillAssignment[] {
  const plan = TEAM_SKILLS[teamId];
  if (!plan) return [];
  const proficiency = () => 1 + random.int(5);
  const out: IcSkillAssignment[] = [{ skillId: plan.main, proficiency: proficiency(), isActive: true }];
  for (const [skillId, share] of plan.optional)
    if (random.next() < share)
      out.push({ skillId, proficiency: proficiency(), isActive: random.next() >= 0.1 });
  return out;
}

/** Today's states of each agent, ending in its seeded situation, and the sessions still open. */
class HistoryBuilder {
  readonly timelines = new Map<number, StateEntry[]>();
  readonly sessions: Session[] = [];
  nextAgentSessionId = 700_001;
  nextContactId = 580_000_001;

  constructor(
    private readonly random: Random,
    private readonly start: number,
    private readonly tenantId: string,
  ) {}

  build(agent: IcAgent, situation: SeedSituation): void {
    const { random, start } = this;
    // Yesterday's logout, so every agent has a state and "LoggedOut since …" has an answer.
    const entries: StateEntry[] = [
      { at: start - (10 + random.int(6)) * HOUR - random.int(HOUR), state: 'LoggedOut' },
    ];
    this.timelines.set(agent.agentId, entries);
    if (situation.state === 'LoggedOut' && !situation.sessionToday) return;

    const final = start - (1 + random.int(25)) * MINUTE - random.int(MINUTE);
    const sessionStart = situation.state === 'LoggedIn' ? final : start - (30 + random.int(210)) * MINUTE;
    const session = this.openSession(agent, sessionStart);
    const inSession = (entry: Omit<StateEntry, 'agentSessionId' | 'stationId'>) =>
      entries.push({ ...entry, agentSessionId: session.agentSessionId, stationId: agent.stationId });
    agent.lastLogin = sessionStart;

    inSession({ at: sessionStart, state: 'LoggedIn' });
    if (situation.state === 'LoggedIn') {
      this.sessions.push(session);
      return;
    }
    inSession({ at: sessionStart + 5_000, state: 'Unavailable' });
    inSession({ at: sessionStart + MINUTE, state: 'Available' });
    const breakAt = sessionStart + MINUTE + Math.floor((final - sessionStart - MINUTE) / 2);
    inSession({ at: breakAt, state: 'Unavailable', outStateId: 12 });
    inSession({ at: breakAt + Math.floor((final - breakAt) / 2), state: 'Available' });

    switch (situation.state) {
      case 'Available':
        inSession({ at: final, state: 'Available' });
        break;
      case 'Unavailable': {
        const code = UNAVAILABLE_CODES.find((c) => c.name === situation.code);
        inSession({ at: final, state: 'Unavailable', outStateId: code?.id });
        break;
      }
      case 'LoggedOut':
        inSession({ at: final, state: 'LoggedOut' });
        session.endedAt = final;
        break;
      default: {
        const { state, contact } = this.contactFor(agent, situation.state);
        inSession({ at: final, state, contact });
      }
    }
    if (session.endedAt === undefined) this.sessions.push(session);
  }

  private openSession(agent: IcAgent, startedAt: number): Session {
    const agentSessionId = this.nextAgentSessionId++;
    return {
      sessionId: sessionIdFor(this.tenantId, agentSessionId),
      agentSessionId,
      agentId: agent.agentId,
      stationId: agent.stationId,
      owner: AGENT_SELF,
      startedAt,
    };
  }

  /** An outbound contact needs an outbound skill; an agent without one is on an inbound contact instead. */
  private contactFor(agent: IcAgent, wanted: AgentStateName) {
    const outbound = SKILLS.find(
      (s) => s.isOutbound && s.isActive && agent.skills.some((a) => a.skillId === s.skillId),
    );
    const contact = { contactId: this.nextContactId++, skillId: agent.skills[0]?.skillId ?? 0 };
    if (wanted !== 'OutboundContact') return { state: wanted, contact };
    if (!outbound) return { state: 'InboundContact' as const, contact };
    return { state: wanted, contact: { ...contact, skillId: outbound.skillId } };
  }
}

/** Opaque like CXone's, but derived from the tenant and the integer id so seeded sessions are stable. */
export function sessionIdFor(tenantId: string, agentSessionId: number): string {
  return Buffer.from(`${tenantId}:${agentSessionId}`).toString('base64url');
}
