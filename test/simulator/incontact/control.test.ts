import { send, sleep, useIncontact, waitFor } from './helpers';

type States = { agentStates: Array<Record<string, unknown>> };

describe('incontact simulator: /__sim/ controls for tests and the sandbox', () => {
  const ctx = useIncontact({ propagationDelayMs: 100 });
  const stateOf = async (agentId: number) =>
    (await send<States>(ctx.api(`/agents/${agentId}/states`), { token: ctx.token })).body.agentStates[0] ??
    {};
  const hugo = () => ctx.sim.tenant.demoAgent('loggedOut').agentId;

  it("sets a logged-out agent's state at once, on a session at its last station that a supervisor can then change", async () => {
    const state = await ctx.control.setAgentState(hugo(), { state: 'Unavailable', reason: 'Training' });
    expect(state).toMatchObject({ agentStateName: 'Unavailable', outStateDescription: 'Training' });
    expect(await stateOf(hugo())).toMatchObject({
      agentStateName: 'Unavailable',
      outStateId: 14,
      stationId: ctx.sim.tenant.agent(hugo())?.stationId,
    });
    const fix = await send(ctx.api(`/agents/${hugo()}/state`), {
      method: 'POST',
      token: ctx.token,
      form: { state: 'Available' },
    });
    expect(fix.status).toBe(200);
  });

  it('puts an agent on a contact of a given skill, and logs one out at once', async () => {
    const onContact = await ctx.control.setAgentState(1001, { state: 'InboundContact', skillId: 2002 });
    expect(onContact).toMatchObject({
      agentStateName: 'InboundContact',
      skillId: 2002,
      contactId: expect.any(Number),
    });
    await ctx.control.setAgentState(1001, { state: 'LoggedOut' });
    expect(await stateOf(1001)).toMatchObject({ agentStateName: 'LoggedOut' });
    expect(ctx.sim.tenant.liveSession(1001)).toBeUndefined();
  });

  it('supersedes a change still propagating, which then never shows', async () => {
    await ctx.control.setConfig({ propagationDelayMs: 300 });
    const change = await send(ctx.api('/agents/1001/state'), {
      method: 'POST',
      token: ctx.token,
      form: { state: 'Unavailable', outStateId: '12' },
    });
    expect(change.status).toBe(200);
    await ctx.control.setAgentState(1001, { state: 'Unavailable', reason: 'Lunch' });
    expect(await stateOf(1001)).toMatchObject({
      agentStateName: 'Unavailable',
      outStateDescription: 'Lunch',
    });
    await sleep(400);
    expect(await stateOf(1001)).toMatchObject({
      agentStateName: 'Unavailable',
      outStateDescription: 'Lunch',
    });
  });

  it('refuses a reason the agent’s team does not have, and an unknown agent', async () => {
    await expect(
      ctx.control.setAgentState(1001, { state: 'Unavailable', reason: 'Coaching' }),
    ).rejects.toThrow(/400/);
    await expect(ctx.control.setAgentState(1, { state: 'Available' })).rejects.toThrow(/404/);
  });

  it('reaches agents the API users cannot see', async () => {
    const hidden = ctx.sim.tenant.demoAgent('hidden').agentId;
    expect(await ctx.control.setAgentState(hidden, { state: 'LoggedOut' })).toMatchObject({
      agentStateName: 'LoggedOut',
    });
  });

  it('lets the agent log in on its last station, through LoggedIn to Unavailable, and log out again', async () => {
    const session = await ctx.control.agentLogsIn(hugo());
    expect(session).toEqual({
      sessionId: expect.any(String),
      stationId: ctx.sim.tenant.agent(hugo())?.stationId,
    });
    await expect(ctx.control.agentLogsIn(hugo())).rejects.toThrow(/409.*SessionInProgress/);
    const state = await waitFor(
      () => stateOf(hugo()),
      (s) => s.agentStateName === 'Unavailable',
    );
    expect(state).toMatchObject({ outStateId: null });

    await ctx.control.agentLogsOut(hugo());
    await waitFor(
      () => stateOf(hugo()),
      (s) => s.agentStateName === 'LoggedOut',
    );
    await expect(ctx.control.agentLogsOut(hugo())).rejects.toThrow(/409.*AgentNotLoggedIn/);
  });

  it('resets the tenant, sessions and settings it was not told to keep, and reports the settings', async () => {
    await ctx.control.setAgentState(1001, { state: 'LoggedOut' });
    const settings = await ctx.control.reset({
      agentCount: 80,
      noChangeStatus: 204,
      sessionInProgressStatus: 400,
    });
    expect(settings).toMatchObject({
      agentCount: 80,
      noChangeStatus: 204,
      sessionInProgressStatus: 400,
      seed: 42,
    });
    expect(ctx.sim.tenant.catalog.agents).toHaveLength(80);
    expect(ctx.sim.config).toMatchObject({ noChangeStatus: 204 });
    const token = (await send(ctx.api('/agents/1001/states'), { token: ctx.token })).status;
    expect(token).toBe(401); // tokens are forgotten too
  });

  it('validates settings', async () => {
    await expect(ctx.control.setConfig({ noChangeStatus: 201 as 200 })).rejects.toThrow(/400/);
    await expect(ctx.control.setConfig({ sessionInProgressStatus: 500 as 409 })).rejects.toThrow(/400/);
    expect(await ctx.control.setConfig({ propagationDelayMs: 5 })).toMatchObject({ propagationDelayMs: 5 });
  });
});

describe('incontact simulator: faults and counts', () => {
  const ctx = useIncontact();
  const poll = () => send(ctx.api('/agents/states'), { token: ctx.token });

  it('answers 429 with Retry-After in the error shape of the API, then serves normally', async () => {
    await ctx.control.addFaults({ path: '/agents/states', status: 429, retryAfter: 3 });
    const limited = await poll();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body).toEqual({ error: 'too_many_requests', error_description: expect.any(String) });
    expect((await poll()).status).toBe(200);
  });

  it('answers 5xx for a route template, counted per endpoint with the requests that failed', async () => {
    await ctx.control.addFaults({ method: 'GET', path: '/agents/{agentId}/states', status: 503, times: 2 });
    const states = (id: number) => send(ctx.api(`/agents/${id}/states`), { token: ctx.token });
    expect((await states(1001)).status).toBe(503);
    expect((await states(1002)).status).toBe(503);
    expect((await states(1001)).status).toBe(200);
    await poll();
    const counts = await ctx.control.counts();
    expect(counts.byEndpoint).toMatchObject({
      'GET /agents/{agentId}/states': 3,
      'GET /agents/states': 1,
      'POST /auth/token': 1,
    });
    expect(counts.total).toBe(5);
  });

  it('fails the token endpoint with an OAuth-shaped error', async () => {
    await ctx.control.addFaults({ path: '/auth/token', status: 500 });
    const res = await send(`${ctx.sim.url}/auth/token`, { method: 'POST', form: { grant_type: 'password' } });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: 'internal_error', error_description: expect.any(String) });
  });

  it('hangs for delayMs so a client with a shorter timeout gives up', async () => {
    await ctx.control.addFaults({ path: '/skills', status: 504, delayMs: 2000 });
    await expect(
      fetch(ctx.api('/skills'), {
        headers: { authorization: `Bearer ${ctx.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(await ctx.control.count('GET /skills')).toBe(1);
  });

  it('does not count, delay or fault the controls themselves', async () => {
    await ctx.control.addFaults({ status: 500, times: 5 });
    await ctx.control.counts();
    await ctx.control.config();
    expect((await ctx.control.counts()).total).toBe(1); // the token request before the test
    await ctx.control.clearFaults();
    expect(await ctx.control.faults()).toEqual([]);
  });
});
