import type { SimAgentState } from '../../src/simulator';
import { pick, send, sleep, tokenFor, useSimulator } from './helpers';

type Bulk = { states: SimAgentState[]; removed: string[]; lastPollTime: string };
// Long enough that a loaded CI machine still reads "before" inside the window, short enough to keep tests quick.
const DELAY = 500;

describe('simulator bulk states (GET /api/v2/agents/states)', () => {
  const ctx = useSimulator({ propagationDelayMs: DELAY });
  const poll = (updatedSince?: string, token = ctx.token) =>
    send<Bulk>(
      `${ctx.sim.url}/api/v2/agents/states${updatedSince === undefined ? '' : `?updatedSince=${encodeURIComponent(updatedSince)}`}`,
      { token },
    );

  it('without updatedSince returns every visible state of the tenant and the server time', async () => {
    const before = Date.now();
    const res = await poll();
    expect(res.status).toBe(200);
    const expected = ctx.sim.tenant.agents.flatMap((a) => ctx.sim.tenant.visibleStates(a.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(res.body.states)).toEqual(new Set(expected));
    expect(res.body.removed).toEqual([]);
    expect(Date.parse(res.body.lastPollTime)).toBeGreaterThanOrEqual(before);
  });

  it('with updatedSince returns nothing when nothing changed', async () => {
    const first = await poll();
    const res = await poll(first.body.lastPollTime);
    expect(res.body).toEqual({ states: [], removed: [], lastPollTime: expect.any(String) });
  });

  it('reports a login only once it is visible, and a logout as removed', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const start = await poll();
    const created = await send<{ state: SimAgentState }>(`${ctx.sim.url}/api/v2/agents/${agent.id}/states`, {
      method: 'POST',
      token: ctx.token,
      json: p.login('Retention'),
    });
    expect(created.status).toBe(201);

    const early = await poll(start.body.lastPollTime);
    expect(early.body.states).toEqual([]);
    await sleep(DELAY + 100);
    // Passing the previous poll time (the early poll changed nothing) still finds the login once visible.
    const visible = await poll(early.body.lastPollTime);
    expect(visible.body.states).toEqual([created.body.state]);
    expect(visible.body.removed).toEqual([]);

    const del = await send(`${ctx.sim.url}/api/v2/agents/${agent.id}/states/${created.body.state.stateId}`, {
      method: 'DELETE',
      token: ctx.token,
    });
    expect(del.status).toBe(204);
    await sleep(DELAY + 100);
    const gone = await poll(visible.body.lastPollTime);
    expect(gone.body).toMatchObject({ states: [], removed: [agent.id] });
  });

  it('lists all remaining states of an agent that changed, not only the changed one', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    await ctx.control.setAgentStates(agent.id, [
      { skillId: p.skill('Billing').id },
      { skillId: p.skill('VIP').id },
    ]);
    const start = await poll();
    await ctx.control.setAgentStates(agent.id, [
      { skillId: p.skill('VIP').id, activityId: p.activity('Break').id },
    ]);
    const res = await poll(start.body.lastPollTime);
    expect(res.body.states).toEqual([
      expect.objectContaining({
        agentId: agent.id,
        skillId: p.skill('VIP').id,
        activityId: p.activity('Break').id,
      }),
    ]);
  });

  it('never misses a change made right after a poll, however close in time', async () => {
    const p = pick(ctx.sim);
    const agents = ctx.sim.tenant.agents.filter((a) => a.isActive).slice(0, 10);
    let since = (await poll()).body.lastPollTime;
    const seen = new Set<string>();
    for (const agent of agents) {
      await ctx.control.setAgentStates(agent.id, [{ skillId: p.skill('VIP').id }]);
      const res = await poll(since);
      for (const s of res.body.states) seen.add(s.agentId);
      since = res.body.lastPollTime;
    }
    const last = await poll(since);
    for (const s of last.body.states) seen.add(s.agentId);
    expect([...seen].sort()).toEqual(agents.map((a) => a.id).sort());
  });

  it.each(['yesterday', '12', '2024-13-45T00:00:00Z', ''])(
    'answers 400 for an unparseable updatedSince (%p)',
    async (since) => {
      const res = await poll(since);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'bad_request', message: expect.stringContaining('updatedSince') });
    },
  );

  it('answers 403 without Agent-Read', async () => {
    expect((await poll(undefined, await tokenFor(ctx.sim, 'agentstate-writeonly'))).status).toBe(403);
  });
});
