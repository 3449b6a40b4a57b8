import type { CxonePort } from '../../../src/agentstate/ports';
import { ACTIVITY_ID, AGENT_ID, agent, agentState, OTHER_SKILL_ID, SKILL_ID, STATE_ID } from './fixtures';

/** Every call of the contract table, with a valid success answer, for table-driven tests. */
export interface EndpointCase {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Concrete path as it must appear on the wire. */
  path: string;
  /** Route template, as on errors and metrics. */
  endpoint: string;
  scope: string;
  /** nock query matcher: `true` accepts any query. */
  query?: Record<string, string> | true;
  call: (port: CxonePort) => Promise<unknown>;
  success: { status: number; body?: unknown };
  /** What the port method resolves to for `success`. */
  expected: unknown;
  retried: boolean;
}

const loginBody = { skillId: SKILL_ID, stateId: STATE_ID, activityId: ACTIVITY_ID };

export const endpointCases: EndpointCase[] = [
  {
    name: 'searchAgents',
    method: 'GET',
    path: '/api/v2/agents',
    endpoint: 'GET /api/v2/agents',
    scope: 'Agent-Read',
    query: { search: 'ada', page: '2', pageSize: '25' },
    call: (p) => p.searchAgents({ search: 'ada', page: 2, pageSize: 25 }),
    success: { status: 200, body: { entities: [agent], page: 2, pageSize: 25, total: 26 } },
    expected: { entities: [agent], page: 2, pageSize: 25, total: 26 },
    retried: true,
  },
  {
    name: 'getAgentStates',
    method: 'GET',
    path: `/api/v2/agents/${AGENT_ID}/states`,
    endpoint: 'GET /api/v2/agents/{agentId}/states',
    scope: 'Agent-Read',
    call: (p) => p.getAgentStates(AGENT_ID),
    success: { status: 200, body: { states: [agentState] } },
    expected: [agentState],
    retried: true,
  },
  {
    name: 'getAllAgentStates',
    method: 'GET',
    path: '/api/v2/agents/states',
    endpoint: 'GET /api/v2/agents/states',
    scope: 'Agent-Read',
    query: { updatedSince: '2025-03-01T11:00:00Z' },
    call: (p) => p.getAllAgentStates('2025-03-01T11:00:00Z'),
    success: {
      status: 200,
      body: { states: [agentState], removed: [OTHER_SKILL_ID], lastPollTime: '2025-03-01T12:00:00Z' },
    },
    expected: { states: [agentState], removed: [OTHER_SKILL_ID], lastPollTime: '2025-03-01T12:00:00Z' },
    retried: true,
  },
  {
    name: 'loginAgent',
    method: 'POST',
    path: `/api/v2/agents/${AGENT_ID}/states`,
    endpoint: 'POST /api/v2/agents/{agentId}/states',
    scope: 'Agent-Write',
    call: (p) => p.loginAgent(AGENT_ID, loginBody),
    success: { status: 201, body: { state: agentState } },
    expected: agentState,
    retried: false,
  },
  {
    name: 'logoutAgent',
    method: 'DELETE',
    path: `/api/v2/agents/${AGENT_ID}/states/${STATE_ID}`,
    endpoint: 'DELETE /api/v2/agents/{agentId}/states/{stateId}',
    scope: 'Agent-Write',
    call: (p) => p.logoutAgent(AGENT_ID, STATE_ID),
    success: { status: 204 },
    expected: undefined,
    retried: false,
  },
  {
    name: 'listSkills',
    method: 'GET',
    path: '/api/v2/skills',
    endpoint: 'GET /api/v2/skills',
    scope: 'Skills-Read',
    call: (p) => p.listSkills(),
    success: { status: 200, body: { entities: [{ id: SKILL_ID, name: 'Sales', isActive: true }] } },
    expected: [{ id: SKILL_ID, name: 'Sales', isActive: true }],
    retried: true,
  },
  {
    name: 'listSkillStates',
    method: 'GET',
    path: `/api/v2/skills/${SKILL_ID}/states`,
    endpoint: 'GET /api/v2/skills/{skillId}/states',
    scope: 'Skills-Read',
    call: (p) => p.listSkillStates(SKILL_ID),
    success: { status: 200, body: { entities: [{ id: STATE_ID, name: 'Logged In' }] } },
    expected: [{ id: STATE_ID, name: 'Logged In' }],
    retried: true,
  },
  {
    name: 'listActivities',
    method: 'GET',
    path: '/api/v2/activities',
    endpoint: 'GET /api/v2/activities',
    scope: 'Agent-Read',
    call: (p) => p.listActivities(),
    success: { status: 200, body: { entities: [{ id: ACTIVITY_ID, name: 'Available' }] } },
    expected: [{ id: ACTIVITY_ID, name: 'Available' }],
    retried: true,
  },
];

export const retriedCases = endpointCases.filter((c) => c.retried);
export const notRetriedCases = endpointCases.filter((c) => !c.retried);
