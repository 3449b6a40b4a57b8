import type { Route } from '../routes';
import { NO_CHANGE_STATUSES } from './assumptions';

/**
 * Every call of the incontact dialect, as data (the v2 adapter's `routes.ts` pattern). Paths are relative
 * to `{api_endpoint}/inContactAPI/services/{apiVersion}`; `METHOD path` is the `endpoint` label on errors,
 * logs and metrics, so it never holds an id.
 */
export interface IncontactRoute extends Route {
  /** What the API user's CXone role must allow, named in the 403 message. */
  permission?: string;
  /** This dialect's remediation for a status of this route, where the route gives it a specific meaning. */
  remediations?: Partial<Record<number, string>>;
  /** A 409 here means the agent already has a session. */
  startsSession?: boolean;
}

const AGENT_NOT_FOUND = { resource: 'agent', param: 'agentId' } as const;

export const INCONTACT_ROUTES = {
  searchAgents: { method: 'GET', path: '/agents', permission: 'view agents', idempotent: true },
  agent: {
    method: 'GET',
    path: '/agents/{agentId}',
    permission: 'view agents',
    notFound: AGENT_NOT_FOUND,
    idempotent: true,
  },
  agentState: {
    method: 'GET',
    path: '/agents/{agentId}/states',
    permission: 'view agent states',
    notFound: AGENT_NOT_FOUND,
    idempotent: true,
  },
  allAgentStates: {
    method: 'GET',
    path: '/agents/states',
    permission: 'view agent states',
    okStatuses: NO_CHANGE_STATUSES,
    remediations: {
      // "400 Invalid Updated Since" (QA): the app only ever passes CXone's own lastPollTime back.
      400: 'CXone refused the updatedSince time. It must be a recent lastPollTime CXone returned; start over with a full read (no updatedSince).',
    },
    idempotent: true,
  },
  skills: { method: 'GET', path: '/skills', permission: 'view skills', idempotent: true },
  agentSkills: {
    method: 'GET',
    path: '/agents/{agentId}/skills',
    permission: 'view agent skill assignments',
    notFound: AGENT_NOT_FOUND,
    idempotent: true,
  },
  teamReasons: {
    method: 'GET',
    path: '/teams/{teamId}/unavailable-codes',
    permission: 'view teams and unavailable codes',
    notFound: { resource: 'resource', param: 'teamId' },
    remediations: {
      404: "CXone does not know this team. Read the agent's team again (agentstate status <agent>), or use the tenant's unavailable codes.",
    },
    idempotent: true,
  },
  reasons: {
    method: 'GET',
    path: '/unavailable-codes',
    permission: 'view unavailable codes',
    idempotent: true,
  },
  stateHistory: {
    method: 'GET',
    path: '/agents/{agentId}/state-history',
    permission: 'view agent state history (reporting)',
    notFound: AGENT_NOT_FOUND,
    remediations: {
      400: 'CXone refused the time range of the state history. Ask for a range in the past that ends after it starts (today, typically).',
    },
    idempotent: true,
  },
  setAgentState: {
    method: 'POST',
    path: '/agents/{agentId}/state',
    permission: "change other agents' states",
    notFound: AGENT_NOT_FOUND,
    remediations: {
      400: "CXone refused the state change. Only a logged-in agent can be made Available or Unavailable, and an unavailable code must be an active code of the agent's team (or of the tenant). Refresh the status: a logged-out agent has to log in first.",
      409: "CXone refused the state change in the agent's current state (for example an after-call-work code with no contact). Refresh the status and try again.",
    },
    // Not safe to repeat after a timeout: it may have been applied. The use case re-reads the state.
    idempotent: false,
  },
  forceLogout: {
    method: 'POST',
    path: '/agents/{agentId}/logout',
    permission: 'log agents out',
    notFound: AGENT_NOT_FOUND,
    remediations: {
      400: 'CXone refused to log the agent out, most likely because the agent has no session any more. Refresh the status.',
      409: 'CXone refused to log the agent out, most likely because the agent has no session any more. Refresh the status.',
    },
    idempotent: false,
  },
  startSession: {
    method: 'POST',
    path: '/agent-sessions',
    permission: 'start agent sessions on behalf of agents',
    startsSession: true,
    idempotent: false,
  },
} as const satisfies Record<string, IncontactRoute>;
