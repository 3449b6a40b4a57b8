import { createAgentStateService } from '../../src/agentstate';
import type { Agent } from '../../src/agentstate/model';
import type { AgentStateService, LoginProgress } from '../../src/agentstate/types';
import { FakeClock } from './fake-clock';
import { FakeCxone, type FakeTenantData } from './fake-cxone';

/** Readable, valid UUIDs: the prefix says what the id is (a = agent, b = skill, c = state, d = activity). */
const uuid = (prefix: string, n: number) => `${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ids = {
  jane: uuid('a', 1),
  janet: uuid('a', 2),
  john: uuid('a', 3),
  unknownAgent: uuid('a', 999),
  sales: uuid('b', 1),
  support: uuid('b', 2),
  billing: uuid('b', 3),
  legacy: uuid('b', 4),
  unknownSkill: uuid('b', 999),
  salesLoggedIn: uuid('c', 11),
  salesUnavailable: uuid('c', 12),
  supportLoggedIn: uuid('c', 21),
  supportUnavailable: uuid('c', 22),
  billingLoggedIn: uuid('c', 31),
  legacyLoggedIn: uuid('c', 41),
  available: uuid('d', 1),
  busy: uuid('d', 2),
  unknownActivity: uuid('d', 999),
};

export const jane: Agent = {
  id: ids.jane,
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane.doe@example.com',
  userName: 'jdoe',
  isActive: true,
};
export const janet: Agent = {
  id: ids.janet,
  firstName: 'Janet',
  lastName: 'Smith',
  email: 'janet.smith@example.com',
  userName: 'jsmith',
  isActive: true,
};
export const john: Agent = {
  id: ids.john,
  firstName: 'John',
  lastName: 'Old',
  email: 'john.old@example.com',
  userName: 'jold',
  isActive: false,
};

/** Sales and Billing share a conflict group; Legacy is inactive. */
export function tenantData(): FakeTenantData {
  const states = (loggedIn: string, other?: string) => [
    { id: loggedIn, name: 'Logged In' },
    ...(other ? [{ id: other, name: 'Unavailable' }] : []),
  ];
  return {
    agents: [jane, janet, john],
    skills: [
      {
        id: ids.support,
        name: 'Support',
        isActive: true,
        states: states(ids.supportLoggedIn, ids.supportUnavailable),
      },
      {
        id: ids.sales,
        name: 'Sales',
        isActive: true,
        states: states(ids.salesLoggedIn, ids.salesUnavailable),
      },
      { id: ids.billing, name: 'Billing', isActive: true, states: states(ids.billingLoggedIn) },
      { id: ids.legacy, name: 'Legacy', isActive: false, states: states(ids.legacyLoggedIn) },
    ],
    activities: [
      { id: ids.available, name: 'Available' },
      { id: ids.busy, name: 'Busy' },
    ],
    conflictGroups: [[ids.sales, ids.billing]],
    scopes: ['Agent-Read', 'Agent-Write', 'Skills-Read'],
  };
}

export interface Harness {
  cxone: FakeCxone;
  clock: FakeClock;
  service: AgentStateService;
  events: LoginProgress[];
  onProgress: (e: LoginProgress) => void;
}

export interface HarnessOptions {
  defaults?: { skillId?: string; activity: string };
  verifyTimeoutMs?: number;
  propagationDelayMs?: number;
  /** Scopes the OAuth client is granted; all three unless told. */
  scopes?: string[];
  tenant?: (data: FakeTenantData) => void;
}

export function setup(opts: HarnessOptions = {}): Harness {
  const data = tenantData();
  if (opts.scopes) data.scopes = opts.scopes;
  opts.tenant?.(data);
  const clock = new FakeClock();
  const cxone = new FakeCxone(data, clock);
  cxone.propagationDelayMs = opts.propagationDelayMs ?? 0;
  const service = createAgentStateService({
    cxone,
    clock,
    defaults: opts.defaults ?? { skillId: ids.sales, activity: 'Available' },
    verifyTimeoutMs: opts.verifyTimeoutMs ?? 15_000,
  });
  const events: LoginProgress[] = [];
  return { cxone, clock, service, events, onProgress: (e) => events.push(e) };
}

/** Total CXone calls made, to show that something made none. */
export function totalCalls(cxone: FakeCxone): number {
  return Object.values(cxone.calls).reduce((a, b) => a + b, 0);
}
