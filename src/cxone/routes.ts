import type { NotFoundResource } from './errors';

/**
 * Every CXone call this adapter makes, as data: the URL template, the scope a 403 means is missing, what a
 * 404 means, and whether a failed attempt may be repeated. The template doubles as the `endpoint` label on
 * errors, logs and metrics, so ids never end up in metric labels.
 */
export type Method = 'GET' | 'POST' | 'DELETE';

export interface Route {
  method: Method;
  /** Path template with `{param}` placeholders. */
  path: string;
  /** Scope the OAuth client needs; named by MissingScopeError on 403. */
  scope?: string;
  /** What a 404 says is missing, and which path parameter holds its id. */
  notFound?: { resource: NotFoundResource; param: string };
  /**
   * Safe to send again after a timeout or 5xx. A login POST is not: it may have been applied, and the
   * use case re-reads the state instead. DELETE is left to the caller for the same reason (a retried
   * DELETE that did succeed the first time would answer 404 and mislead).
   */
  idempotent: boolean;
  /** Statuses outside 2xx that are still an answer of this route, e.g. 304 "nothing changed". */
  okStatuses?: readonly number[];
}

export const TOKEN_ROUTE: Route = {
  method: 'POST',
  path: '/oauth/token',
  // The client-credentials grant has no side effect; asking twice just yields two tokens.
  idempotent: true,
};

export const ROUTES = {
  searchAgents: { method: 'GET', path: '/api/v2/agents', scope: 'Agent-Read', idempotent: true },
  agentStates: {
    method: 'GET',
    path: '/api/v2/agents/{agentId}/states',
    scope: 'Agent-Read',
    notFound: { resource: 'agent', param: 'agentId' },
    idempotent: true,
  },
  allAgentStates: { method: 'GET', path: '/api/v2/agents/states', scope: 'Agent-Read', idempotent: true },
  login: {
    method: 'POST',
    path: '/api/v2/agents/{agentId}/states',
    scope: 'Agent-Write',
    notFound: { resource: 'agent', param: 'agentId' },
    idempotent: false,
  },
  logout: {
    method: 'DELETE',
    path: '/api/v2/agents/{agentId}/states/{stateId}',
    scope: 'Agent-Write',
    notFound: { resource: 'state', param: 'stateId' },
    idempotent: false,
  },
  skills: { method: 'GET', path: '/api/v2/skills', scope: 'Skills-Read', idempotent: true },
  skillStates: {
    method: 'GET',
    path: '/api/v2/skills/{skillId}/states',
    scope: 'Skills-Read',
    notFound: { resource: 'skill', param: 'skillId' },
    idempotent: true,
  },
  // The contract names no scope for activities; they belong to the agent state API (the tutorial's
  // "Agent State and Agent Activity"), so a 403 here most likely means Agent-Read is missing.
  activities: { method: 'GET', path: '/api/v2/activities', scope: 'Agent-Read', idempotent: true },
} as const satisfies Record<string, Route>;

/** `METHOD /path/{template}`, the label used on errors, logs and metrics. */
export function endpointOf(route: Route): string {
  return `${route.method} ${route.path}`;
}

/** Fills the template; every value is URL-encoded (callers validate ids first, this is defence in depth). */
export function buildPath(route: Route, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${endpointOf(route)}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
