import type { SimAgentState } from '../../src/simulator';
import { pick, send, sleep, tokenFor, useSimulator } from './helpers';

describe('simulator control endpoints (/__sim/)', () => {
  const ctx = useSimulator();

  it('counts API requests by route template, and not the control requests themselves', async () => {
    await ctx.control.reset();
    const [a, b] = ctx.sim.tenant.agents;
    const token = await tokenFor(ctx.sim);
    await send(`${ctx.sim.url}/api/v2/agents/${a?.id}/states`, { token });
    await send(`${ctx.sim.url}/api/v2/agents/${b?.id}/states`, { token });
    await send(`${ctx.sim.url}/api/v2/agents/states`, { token });
    await send(`${ctx.sim.url}/api/v2/nowhere`, { token });
    await send(`${ctx.sim.url}/api/v2/skills`);
    expect(await ctx.control.counts()).toEqual({
      total: 6,
      byEndpoint: {
        'POST /oauth/token': 1,
        'GET /api/v2/agents/{agentId}/states': 2,
        'GET /api/v2/agents/states': 1,
        'GET *': 1,
        'GET /api/v2/skills': 1,
      },
    });
  });

  it("sets an agent's visible states at once, and [] logs the agent out", async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const set = await ctx.control.setAgentStates(agent.id, [
      { skillId: p.skill('Billing').id, activityId: p.activity('Lunch').id },
      { skillId: p.skill('VIP').id },
    ]);
    const url = `${ctx.sim.url}/api/v2/agents/${agent.id}/states`;
    const res = await send<{ states: SimAgentState[] }>(url, { token: ctx.token });
    expect(res.body.states).toEqual(set);
    expect(res.body.states.map((s) => [s.skillId, s.stateId, s.activityId])).toEqual([
      [p.skill('Billing').id, p.login('Billing').stateId, p.activity('Lunch').id],
      [p.skill('VIP').id, p.login('VIP').stateId, p.activity('Available').id],
    ]);
    await ctx.control.setAgentStates(agent.id, []);
    expect((await send(url, { token: ctx.token })).body).toEqual({ states: [] });
  });

  it('rejects unknown agents (404) and unknown skills or activities (400) when setting states', async () => {
    const p = pick(ctx.sim);
    const put = (agentId: string, states: unknown) =>
      send(`${ctx.sim.url}/__sim/agents/${agentId}/states`, { method: 'PUT', json: { states } });
    expect((await put('00000000-0000-4000-8000-000000000000', [])).status).toBe(404);
    expect((await put(p.loggedOut().id, [{ skillId: 'nope' }])).status).toBe(400);
    expect((await put(p.loggedOut().id, [{ skillId: p.skill('VIP').id, activityId: 'nope' }])).status).toBe(
      400,
    );
    expect((await put(p.loggedOut().id, 'not a list')).status).toBe(400);
  });

  it('changes the propagation delay at run time', async () => {
    await ctx.control.setConfig({ propagationDelayMs: 0 });
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const url = `${ctx.sim.url}/api/v2/agents/${agent.id}/states`;
    expect((await send(url, { method: 'POST', token: ctx.token, json: p.login('VIP') })).status).toBe(201);
    await sleep(5);
    expect((await send<{ states: SimAgentState[] }>(url, { token: ctx.token })).body.states).toHaveLength(1);
    expect(await ctx.control.config()).toEqual({
      propagationDelayMs: 0,
      latencyMs: 0,
      tokenTtlSeconds: 3600,
    });
  });

  it('rejects an invalid config value', async () => {
    const res = await send(`${ctx.sim.url}/__sim/config`, {
      method: 'POST',
      json: { propagationDelayMs: -1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('propagationDelayMs');
  });

  it('reset puts the tenant, counts and faults back to the seed and keeps the settings', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedIn();
    await ctx.control.setConfig({ propagationDelayMs: 777 });
    await ctx.control.setAgentStates(agent.id, []);
    await ctx.control.addFaults({ status: 500, times: 5 });
    const settings = await ctx.control.reset();
    expect(settings).toMatchObject({ propagationDelayMs: 777, seed: 42, agentCount: 60 });
    expect(ctx.sim.tenant.visibleStates(agent.id).length).toBeGreaterThan(0);
    expect(await ctx.control.faults()).toEqual([]);
    expect((await ctx.control.counts()).total).toBe(0);
  });

  it('reset can switch to another seed and tenant size', async () => {
    const before = ctx.sim.tenant.agents[0]?.id;
    await ctx.control.reset({ seed: 7, agentCount: 12 });
    expect(ctx.sim.tenant.agents).toHaveLength(12);
    expect(ctx.sim.tenant.agents[0]?.id).not.toBe(before);
    expect(ctx.sim.config).toMatchObject({ seed: 7, agentCount: 12 });
    await ctx.control.reset({ seed: 42, agentCount: 60 });
    expect(ctx.sim.tenant.agents[0]?.id).toBe(before);
  });

  it('answers 404 for an unknown control endpoint and carries a request id', async () => {
    const res = await send(`${ctx.sim.url}/__sim/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
