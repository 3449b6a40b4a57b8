import { send, useIncontact, waitFor } from './helpers';

type Poll = {
  lastPollTime: string;
  totalRecords: number;
  hiddenAgents?: number;
  agentStates: Array<Record<string, unknown>>;
};

describe('incontact simulator: GET /agents/states, all and incremental', () => {
  const ctx = useIncontact({ propagationDelayMs: 100 });
  const poll = (query = '') => send<Poll>(ctx.api(`/agents/states${query}`), { token: ctx.token });
  const since = (iso: string) => poll(`?updatedSince=${encodeURIComponent(iso)}`);

  it('without updatedSince, answers every visible agent with the bulk fields and a lastPollTime', async () => {
    const res = await poll('?top=1000');
    expect(res.status).toBe(200);
    const visible = ctx.sim.tenant.catalog.agents.filter((a) => a.visible);
    expect(res.body.totalRecords).toBe(visible.length);
    expect(res.body.agentStates).toHaveLength(visible.length);
    expect(res.body.hiddenAgents).toBe(60 - visible.length);
    expect(Date.parse(res.body.lastPollTime)).not.toBeNaN();
    expect(res.body.agentStates[0]).toMatchObject({
      agentId: 1001,
      firstName: 'Maria',
      lastName: 'Garcia',
      userName: 'mgarcia',
      isActive: true,
      agentStateName: 'Available',
    });
    const names = new Set(res.body.agentStates.map((s) => s.agentStateName));
    for (const state of ['Available', 'Unavailable', 'InboundContact', 'LoggedIn', 'LoggedOut'])
      expect(names).toContain(state);
  });

  it('with the previous lastPollTime, answers only the agents whose state changed since', async () => {
    const first = await poll();
    await ctx.control.setAgentState(1001, { state: 'Unavailable', reason: 'Break' });
    await ctx.control.setAgentState(1002, { state: 'Available' });

    const next = await since(first.body.lastPollTime);
    expect(next.status).toBe(200);
    expect(next.body.agentStates.map((s) => s.agentId)).toEqual([1001, 1002]);
    expect(next.body.totalRecords).toBe(2);
    expect(next.body.agentStates[0]).toMatchObject({
      agentStateName: 'Unavailable',
      outStateDescription: 'Break',
    });
    expect(Date.parse(String(next.body.agentStates[0]?.lastUpdateTime))).toBeGreaterThan(
      Date.parse(first.body.lastPollTime),
    );
  });

  it('shows a change only once it has propagated, then in the poll after', async () => {
    // Long enough that the first poll surely comes before it, even on a loaded machine.
    await ctx.control.setConfig({ propagationDelayMs: 1000 });
    const first = await poll();
    const change = await send(ctx.api('/agents/1001/state'), {
      method: 'POST',
      token: ctx.token,
      form: { state: 'Unavailable', outStateId: '13' },
    });
    expect(change.status).toBe(200);
    const early = await since(first.body.lastPollTime);
    expect(early.status).toBe(304);

    const later = await waitFor(
      () => since(first.body.lastPollTime),
      (r) => r.status === 200,
    );
    expect(later.body.agentStates.map((s) => s.agentId)).toEqual([1001]);
    expect(later.body.agentStates[0]).toMatchObject({
      agentStateName: 'Unavailable',
      outStateDescription: 'Meeting',
    });
  });

  it.each([
    [304, undefined],
    [204, undefined],
    [200, { totalRecords: 0, agentStates: [] }],
  ] as const)('when nothing changed and noChangeStatus is %i, then it answers that', async (status, body) => {
    await ctx.control.setConfig({ noChangeStatus: status });
    const first = await poll();
    const res = await since(first.body.lastPollTime);
    expect(res.status).toBe(status);
    if (body) expect(res.body).toMatchObject({ ...body, lastPollTime: expect.any(String) });
    else expect(res.text).toBe('');
  });

  it('does not report changes of agents the API user cannot see', async () => {
    const first = await poll();
    await ctx.control.setAgentState(ctx.sim.tenant.demoAgent('hidden').agentId, { state: 'LoggedOut' });
    expect((await since(first.body.lastPollTime)).status).toBe(304);
  });

  it('accepts a date without a time and answers 400 Invalid Updated Since for anything else', async () => {
    const day = await since(new Date().toISOString().slice(0, 10));
    expect(day.status).toBe(200);
    for (const bad of ['yesterday', '0', '2024-13-45T99:00:00Z']) {
      const res = await since(bad);
      expect(res.status).toBe(400);
      expect(res.statusText).toBe('Invalid Updated Since');
      expect(res.body).toMatchObject({ error: 'InvalidUpdatedSince' });
    }
  });

  it('pages with top and skip', async () => {
    const res = await poll('?top=5&skip=5');
    expect(res.body.agentStates.map((s) => s.agentId)).toEqual([1006, 1008, 1009, 1010, 1011]);
    expect((res.body as unknown as { _links: { next: string } })._links.next).toContain('skip=10');
  });
});
