import type {
  AgentStateName,
  AppRegistration,
  IcSkill,
  IcTeam,
  IcUnavailableCode,
  SeededAccessKey,
} from './types';

/**
 * Fixed catalog of the incontact tenant: ids and names do not depend on the seed or the agent count, so
 * docs, tests and the banner can name them. Agent names beyond the fixed ones come from the v2 name lists.
 */

export const UNAVAILABLE_CODES: readonly IcUnavailableCode[] = [
  { id: 11, name: 'Lunch', isActive: true, isAcw: false },
  { id: 12, name: 'Break', isActive: true, isAcw: false },
  { id: 13, name: 'Meeting', isActive: true, isAcw: false },
  { id: 14, name: 'Training', isActive: true, isAcw: false },
  { id: 15, name: 'After Call Work', isActive: true, isAcw: true },
  { id: 16, name: 'Coaching', isActive: true, isAcw: false },
  // Assigned to Sales but inactive, so "inactive outStateId" can be exercised.
  { id: 17, name: 'Personal', isActive: false, isAcw: false },
];

export const TEAMS: readonly IcTeam[] = [
  { teamId: 101, teamName: 'Sales', codeIds: [11, 12, 13, 14, 15, 17] },
  { teamId: 102, teamName: 'Support', codeIds: [11, 12, 13, 14, 15, 16] },
  // No Meeting: a code of another team is a 400 for a Billing agent.
  { teamId: 103, teamName: 'Billing', codeIds: [11, 12, 14, 15] },
  { teamId: 104, teamName: 'Supervisors', codeIds: [11, 12, 13] },
];
export const SUPERVISORS_TEAM_ID = 104;
/** Teams random agents are spread over. */
export const AGENT_TEAM_IDS: readonly number[] = [101, 102, 103];

/** CXone media type ids: 1 Email, 3 Chat, 4 Phone Call. */
export const SKILLS: readonly IcSkill[] = [
  phone(2001, 'Sales Inbound'),
  {
    skillId: 2002,
    skillName: 'Sales Chat',
    mediaTypeId: 3,
    mediaTypeName: 'Chat',
    isActive: true,
    isOutbound: false,
  },
  phone(2003, 'Support Inbound'),
  {
    skillId: 2004,
    skillName: 'Support Email',
    mediaTypeId: 1,
    mediaTypeName: 'Email',
    isActive: true,
    isOutbound: false,
  },
  phone(2005, 'Billing Inbound'),
  { ...phone(2006, 'Retention Outbound'), isOutbound: true },
  // Inactive but still assigned to some agents: `isSkillActive: false` in their assignments.
  { ...phone(2007, 'Legacy Callback'), isActive: false },
];

function phone(skillId: number, skillName: string): IcSkill {
  return {
    skillId,
    skillName,
    mediaTypeId: 4,
    mediaTypeName: 'Phone Call',
    isActive: true,
    isOutbound: false,
  };
}

/** Per team: the inbound skill every agent has, then optional ones with the share of agents assigned. */
export const TEAM_SKILLS: Readonly<
  Record<number, { main: number; optional: ReadonlyArray<[number, number]> }>
> = {
  101: {
    main: 2001,
    optional: [
      [2002, 0.5],
      [2006, 0.3],
      [2007, 0.2],
    ],
  },
  102: {
    main: 2003,
    optional: [
      [2004, 0.6],
      [2007, 0.2],
    ],
  },
  103: { main: 2005, optional: [[2006, 0.3]] },
};

/** What a fixed agent is doing when the tenant starts. */
export type SeedSituation =
  | { state: Exclude<AgentStateName, 'Unavailable' | 'LoggedOut'> }
  | { state: 'Unavailable'; code: string }
  | { state: 'LoggedOut'; sessionToday: boolean };

export interface FixedAgent {
  firstName: string;
  lastName: string;
  teamId: number;
  situation: SeedSituation;
  isActive?: boolean;
  visible?: boolean;
  isSupervisor?: boolean;
  /** The label the banner and the README use. */
  role: DemoRole;
}

export type DemoRole =
  | 'available'
  | 'unavailable'
  | 'onContact'
  | 'loggedOut'
  | 'inactive'
  | 'loggedInNoState'
  | 'hidden'
  | 'apiUser'
  | 'apiUserNoImpersonation'
  | 'apiUserNoAgentPermissions';

/** Agent ids start here; the fixed agents take the first ids in this order. */
export const FIRST_AGENT_ID = 1001;

export const FIXED_AGENTS: readonly FixedAgent[] = [
  {
    firstName: 'Maria',
    lastName: 'Garcia',
    teamId: 101,
    situation: { state: 'Available' },
    role: 'available',
  },
  {
    firstName: 'Liam',
    lastName: 'Murphy',
    teamId: 102,
    situation: { state: 'Unavailable', code: 'Lunch' },
    role: 'unavailable',
  },
  {
    firstName: 'Priya',
    lastName: 'Patel',
    teamId: 102,
    situation: { state: 'InboundContact' },
    role: 'onContact',
  },
  {
    firstName: 'Hugo',
    lastName: 'Martin',
    teamId: 103,
    situation: { state: 'LoggedOut', sessionToday: true },
    role: 'loggedOut',
  },
  {
    firstName: 'Nora',
    lastName: 'Kim',
    teamId: 101,
    situation: { state: 'LoggedOut', sessionToday: false },
    isActive: false,
    role: 'inactive',
  },
  {
    firstName: 'Samir',
    lastName: 'Haddad',
    teamId: 103,
    situation: { state: 'LoggedIn' },
    role: 'loggedInNoState',
  },
  {
    firstName: 'Grace',
    lastName: 'Chen',
    teamId: 101,
    situation: { state: 'Available' },
    visible: false,
    role: 'hidden',
  },
  ...(
    [
      ['Alex', 'Morgan', 'apiUser'],
      ['Robin', 'Lee', 'apiUserNoImpersonation'],
      ['Casey', 'Brooks', 'apiUserNoAgentPermissions'],
    ] as const
  ).map(
    ([firstName, lastName, role]): FixedAgent => ({
      firstName,
      lastName,
      teamId: SUPERVISORS_TEAM_ID,
      situation: { state: 'LoggedOut', sessionToday: false },
      isSupervisor: true,
      role,
    }),
  ),
];

/** Stable across seeds so .env files keep working. */
export const APP_REGISTRATIONS: readonly AppRegistration[] = [
  {
    clientId: 'agentstate-app',
    clientSecret: 'app-secret',
    authMethods: ['client_secret_basic', 'client_secret_post'],
    purpose: 'client credentials as HTTP Basic or in the form body',
  },
  {
    clientId: 'agentstate-post-only',
    clientSecret: 'post-only-secret',
    authMethods: ['client_secret_post'],
    purpose: 'form body only: HTTP Basic answers 401 invalid_client',
  },
];

const agentIdOf = (role: DemoRole) => FIRST_AGENT_ID + FIXED_AGENTS.findIndex((a) => a.role === role);

export const ACCESS_KEYS: readonly SeededAccessKey[] = [
  {
    accessKeyId: 'AK-DEMO',
    accessKeySecret: 'demo-access-secret',
    agentId: agentIdOf('apiUser'),
    permissions: ['Agents: View', 'Agents: Edit', 'Agents: Impersonate'],
    purpose: 'everything, including sessions as another agent (CXONE_IMPERSONATION=1)',
  },
  {
    accessKeyId: 'AK-NO-IMPERSONATION',
    accessKeySecret: 'no-impersonation-secret',
    agentId: agentIdOf('apiUserNoImpersonation'),
    permissions: ['Agents: View', 'Agents: Edit'],
    purpose: 'no impersonation: asAgentId answers 403 ImpersonateNotEnabled',
  },
  {
    accessKeyId: 'AK-NO-AGENTS',
    accessKeySecret: 'no-agents-secret',
    agentId: agentIdOf('apiUserNoAgentPermissions'),
    permissions: [],
    purpose: 'role without agent permissions: agent calls answer 403 naming the permission',
  },
];

/** What the tenant's discovery documents say besides the URLs. */
export const TENANT_FACTS = Object.freeze({ area: 'na1', businessUnitId: 4_600_042, clusterId: 'SIM1' });
