import type { SeededClient } from './types';

/**
 * Fixed catalog data of the seeded tenant. Ids are generated from the seed; names are fixed so tests,
 * docs and the banner can refer to them.
 */

/** Conflict groups: an agent can be in at most one skill of a group (the tutorial's "conflicting skill"). */
export const SKILL_SEEDS: ReadonlyArray<{ name: string; isActive: boolean; conflictGroup?: string }> = [
  { name: 'Sales EN', isActive: true, conflictGroup: 'sales' },
  { name: 'Sales ES', isActive: true, conflictGroup: 'sales' },
  { name: 'Support Tier 1', isActive: true, conflictGroup: 'support' },
  { name: 'Support Tier 2', isActive: true, conflictGroup: 'support' },
  { name: 'Billing', isActive: true },
  { name: 'Retention', isActive: true },
  // One inactive skill, so "no active skill to log in to" paths can be exercised.
  { name: 'Outbound', isActive: false },
  { name: 'VIP', isActive: true },
];

export const LOGGED_IN = 'Logged In';
/** Per skill; only "Logged In" makes a login visible, the others reproduce the tutorial's wrong-stateId case. */
export const STATE_NAMES = [LOGGED_IN, 'Logged Out', 'Unavailable'] as const;

export const AVAILABLE = 'Available';
export const ACTIVITY_NAMES = [AVAILABLE, 'Busy', 'Break', 'Lunch', 'Training', 'Meeting'] as const;

/** Documented in the README and the banner; stable across seeds so .env files keep working. */
export const SEEDED_CLIENTS: readonly SeededClient[] = [
  {
    clientId: 'agentstate-demo',
    clientSecret: 'demo-secret',
    scopes: ['Agent-Read', 'Agent-Write', 'Skills-Read'],
    purpose: 'everything the app needs',
  },
  {
    clientId: 'agentstate-readonly',
    clientSecret: 'readonly-secret',
    scopes: ['Agent-Read', 'Skills-Read'],
    purpose: 'read-only: logins answer 403',
  },
  {
    clientId: 'agentstate-writeonly',
    clientSecret: 'writeonly-secret',
    scopes: ['Agent-Write', 'Skills-Read'],
    purpose: 'no Agent-Read: state reads answer 403',
  },
  {
    clientId: 'agentstate-noscope',
    clientSecret: 'noscope-secret',
    scopes: [],
    purpose: 'no scopes: only activities are readable',
  },
];

export const FIRST_NAMES: readonly string[] = `
  Ana Ben Carla David Elena Farid Grace Hugo Ines Jamal Keiko Liam
  Maya Nikhil Olivia Pablo Quinn Rosa Samir Tara Umar Vera Wen Ximena
  Yusuf Zoe Aisha Bruno Chloe Diego Emma Felix Gabriela Hana Ivan Julia
  Kofi Lucia Marco Nora Oscar Priya Rafael Sofia Tomas Valentina William Yara
`
  .trim()
  .split(/\s+/);

export const LAST_NAMES: readonly string[] = `
  Silva Okafor Novak Garcia Kowalski Haddad Lee Martin Costa Ahmed Tanaka Murphy
  Patel Rossi Nguyen Fernandez Schmidt Dubois Khan Jensen Morales Ivanova Chen Lopez
  Yilmaz Walker Mensah Bauer Santos Kim Olsen Reyes Popescu Hughes Sato Moreau
  Ali Andersen Castillo Brennan
`
  .trim()
  .split(/\s+/);
