import type { Scope } from '../../src/simulator';
import { pick, send, tokenFor, useSimulator } from './helpers';

/** Every /api/v2 route with the scope the contract requires (undefined: any valid token). */
const ROUTES: Array<{ name: string; method: string; scope?: Scope }> = [
  { name: 'GET /api/v2/agents', method: 'GET', scope: 'Agent-Read' },
  { name: 'GET /api/v2/agents/states', method: 'GET', scope: 'Agent-Read' },
  { name: 'GET /api/v2/agents/{agentId}/states', method: 'GET', scope: 'Agent-Read' },
  { name: 'POST /api/v2/agents/{agentId}/states', method: 'POST', scope: 'Agent-Write' },
  { name: 'DELETE /api/v2/agents/{agentId}/states/{stateId}', method: 'DELETE', scope: 'Agent-Write' },
  { name: 'GET /api/v2/skills', method: 'GET', scope: 'Skills-Read' },
  { name: 'GET /api/v2/skills/{skillId}/states', method: 'GET', scope: 'Skills-Read' },
  { name: 'GET /api/v2/activities', method: 'GET' },
];

describe('simulator scopes per client', () => {
  const ctx = useSimulator();

  const call = (name: string, token?: string) => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const body = p.login('Retention');
    const path = name
      .split(' ')[1]
      ?.replace('{agentId}', agent.id)
      .replace('{skillId}', body.skillId)
      .replace('{stateId}', body.stateId);
    const method = name.split(' ')[0];
    return send(`${ctx.sim.url}${path}`, { method, token, json: method === 'POST' ? body : undefined });
  };

  it.each(ROUTES.map((r) => r.name))('%s answers 401 without a token', async (name) => {
    const res = await call(name);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
  });

  it.each(['agentstate-demo', 'agentstate-readonly', 'agentstate-writeonly', 'agentstate-noscope'])(
    '%s is let through exactly on the routes its scopes cover',
    async (clientId) => {
      const client = ctx.sim.clients.find((c) => c.clientId === clientId);
      const token = await tokenFor(ctx.sim, clientId);
      for (const route of ROUTES) {
        const res = await call(route.name, token);
        const allowed = route.scope === undefined || (client?.scopes.includes(route.scope) ?? false);
        // Let through, the route does its job: the agent is logged out, so the DELETE finds nothing.
        const served = route.method === 'POST' ? 201 : route.method === 'DELETE' ? 404 : 200;
        if (allowed) expect([route.name, res.status]).toEqual([route.name, served]);
        else
          expect([route.name, res.status, res.body]).toEqual([
            route.name,
            403,
            { error: 'insufficient_scope', message: `requires scope ${route.scope}`, scope: route.scope },
          ]);
      }
    },
  );
});
