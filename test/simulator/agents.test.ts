import type { SimAgent, SimAgentState } from '../../src/simulator';
import { pick, send, tokenFor, useSimulator } from './helpers';

type Page = { entities: SimAgent[]; page: number; pageSize: number; total: number };

describe('simulator agent search', () => {
  const ctx = useSimulator();
  const search = (query: string) => send<Page>(`${ctx.sim.url}/api/v2/agents${query}`, { token: ctx.token });

  it('lists the seeded tenant 25 per page by default', async () => {
    const res = await search('');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(60);
    expect(res.body.page).toBe(1);
    expect(res.body.pageSize).toBe(25);
    expect(res.body.entities).toHaveLength(25);
    expect(res.body.entities[0]).toEqual(ctx.sim.tenant.agents[0]);
  });

  it('pages through every agent exactly once', async () => {
    const ids: string[] = [];
    for (let page = 1; page <= 3; page++)
      ids.push(...(await search(`?page=${page}&pageSize=25`)).body.entities.map((a) => a.id));
    expect(new Set(ids).size).toBe(60);
    expect((await search('?page=4')).body.entities).toEqual([]);
  });

  it('matches a case-insensitive fragment of email, user name, names, "first last" and id', async () => {
    const agent = ctx.sim.tenant.agents[7] as SimAgent;
    const queries = [
      agent.email.toUpperCase(),
      agent.userName,
      agent.firstName.toLowerCase(),
      agent.lastName.slice(1).toUpperCase(),
      `${agent.firstName} ${agent.lastName}`.toLowerCase(),
      agent.id.slice(0, 13),
    ];
    for (const q of queries) {
      const res = await search(`?search=${encodeURIComponent(q)}&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.entities.map((a) => a.id)).toContain(agent.id);
      expect(res.body.total).toBe(res.body.entities.length);
    }
    expect((await search(`?search=${encodeURIComponent(agent.id)}`)).body.entities).toEqual([agent]);
    expect((await search('?search=zz-nobody-zz')).body).toMatchObject({ entities: [], total: 0 });
  });

  it.each(['?pageSize=0', '?pageSize=101', '?page=0', '?page=abc', '?pageSize=2.5'])(
    'answers 400 for an out-of-range page or page size (%s)',
    async (query) => {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'bad_request', message: expect.any(String) });
    },
  );

  it('accepts the maximum page size of 100', async () => {
    expect((await search('?pageSize=100')).body.entities).toHaveLength(60);
  });

  it('answers 403 for a client without Agent-Read', async () => {
    const token = await tokenFor(ctx.sim, 'agentstate-writeonly');
    const res = await send(`${ctx.sim.url}/api/v2/agents`, { token });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: 'insufficient_scope',
      message: 'requires scope Agent-Read',
      scope: 'Agent-Read',
    });
  });
});

describe('simulator single-agent states', () => {
  const ctx = useSimulator();
  const states = (agentId: string, token = ctx.token) =>
    send<{ states: SimAgentState[] }>(`${ctx.sim.url}/api/v2/agents/${agentId}/states`, { token });

  it('returns the states of a logged-in agent with the contract fields', async () => {
    const agent = pick(ctx.sim).loggedIn();
    const res = await states(agent.id);
    expect(res.status).toBe(200);
    expect(res.body.states.length).toBeGreaterThan(0);
    for (const s of res.body.states) {
      expect(s).toEqual({
        agentId: agent.id,
        stateId: ctx.sim.tenant.loginStateId(s.skillId),
        skillId: expect.any(String),
        loginTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        activityId: expect.any(String),
      });
      expect(ctx.sim.tenant.activities.map((a) => a.id)).toContain(s.activityId);
    }
  });

  it('returns an empty list for an agent who is not logged in', async () => {
    const res = await states(pick(ctx.sim).loggedOut().id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ states: [] });
  });

  it('answers 404 for an unknown agent and for a malformed id alike', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await states(id);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', message: expect.any(String) });
    }
  });

  it('checks the scope before revealing whether the agent exists', async () => {
    const token = await tokenFor(ctx.sim, 'agentstate-writeonly');
    expect((await states('not-a-uuid', token)).status).toBe(403);
  });

  it('answers 404 for an unknown route and 405 for a known route with the wrong method', async () => {
    const unknown = await send(`${ctx.sim.url}/api/v2/nothing-here`, { token: ctx.token });
    expect(unknown.status).toBe(404);
    const wrong = await send(`${ctx.sim.url}/api/v2/skills`, { method: 'DELETE', token: ctx.token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});
