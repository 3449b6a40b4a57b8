import type { Activity, Agent, Skill, StateDefinition } from '../../src/agentstate/model';
import type { AgentStateService, Diagnosis, LoginTarget, ResolvedState } from '../../src/agentstate/types';
import { createLogger } from '../../src/logger';

/** Plain data for builder tests and a fake AgentStateService for listener tests without CXone. */

const uuid = (prefix: string, n: number) => `${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ada: Agent = {
  id: uuid('a', 1),
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  userName: 'alovelace',
  isActive: true,
};
export const bob: Agent = {
  ...ada,
  id: uuid('a', 2),
  firstName: 'Bob',
  lastName: 'Baker',
  email: 'bob@example.com',
};

export const sales: Skill = { id: uuid('b', 1), name: 'Sales', isActive: true };
export const support: Skill = { id: uuid('b', 2), name: 'Support', isActive: true };
export const legacy: Skill = { id: uuid('b', 3), name: 'Legacy', isActive: false };
export const loggedIn: StateDefinition = { id: uuid('c', 1), name: 'Logged In' };
export const loggedOut: StateDefinition = { id: uuid('c', 2), name: 'Logged Out' };
export const available: Activity = { id: uuid('d', 1), name: 'Available' };
export const busy: Activity = { id: uuid('d', 2), name: 'Busy' };

export const T0 = new Date('2024-05-01T08:00:00Z');
export const NOW = new Date('2024-05-01T10:05:00Z');

export function target(overrides: Partial<LoginTarget> = {}): LoginTarget {
  return {
    skill: sales,
    state: loggedIn,
    activity: available,
    chosenBy: 'configured_default',
    ambiguous: false,
    ...overrides,
  };
}

export function resolvedState(skill: Skill = sales, act: Activity = available): ResolvedState {
  return {
    state: {
      agentId: ada.id,
      stateId: loggedIn.id,
      skillId: skill.id,
      loginTime: T0.toISOString(),
      activityId: act.id,
    },
    skillName: skill.name,
    stateName: loggedIn.name,
    activityName: act.name,
    since: T0,
  };
}

export function emptyDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    ref: ada.email,
    agent: ada,
    checks: [
      { id: 'token', label: 'Token', outcome: 'pass', detail: 'obtained' },
      {
        id: 'states_present',
        label: 'States present',
        outcome: 'fail',
        detail: 'GET .../states returned []',
      },
      { id: 'agent_active', label: 'Agent active', outcome: 'warn', detail: 'maybe' },
      { id: 'login_target_valid', label: 'Login target', outcome: 'skipped', detail: '' },
    ],
    verdict: 'not_logged_in',
    summary: 'Ada Lovelace is not logged in to any skill.',
    fix: 'Log the agent in to Sales.',
    canLogin: true,
    target: target(),
    states: [],
    ...overrides,
  };
}

function unexpected(name: string) {
  return () => Promise.reject(new Error(`unexpected call to ${name}`));
}

export function fakeService(overrides: Partial<AgentStateService> = {}): AgentStateService {
  return {
    resolveAgent: jest.fn(async () => ({ kind: 'found' as const, agent: ada })),
    report: jest.fn(unexpected('report')),
    diagnose: jest.fn(unexpected('diagnose')),
    resolveTarget: jest.fn(async () => target()),
    loginAndVerify: jest.fn(unexpected('loginAndVerify')),
    logout: jest.fn(unexpected('logout')),
    switchSkill: jest.fn(unexpected('switchSkill')),
    floor: jest.fn(unexpected('floor')),
    logBackIn: jest.fn(unexpected('logBackIn')),
    listSkills: jest.fn(async () => [sales, support, legacy]),
    listActivities: jest.fn(async () => [available, busy]),
    searchAgents: jest.fn(unexpected('searchAgents')),
    ...overrides,
  };
}

export const silentLogger = createLogger({ level: 'silent' });
