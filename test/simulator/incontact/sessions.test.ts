import { SPARE_STATIONS } from '../../../src/simulator';
import { keyWithout, send, tokenFor, useIncontact, waitFor } from './helpers';

type States = { agentStates: Array<Record<string, unknown>> };

describe('incontact simulator: agent sessions', () => {
  const ctx = useIncontact({ propagationDelayMs: 100 });
  const start = (body: Record<string, unknown>, token = ctx.token) =>
    send<{ sessionId: string }>(ctx.api('/agent-sessions'), { method: 'POST', token, json: body });
  const stateOf = async (agentId: number) =>
    (await send<States>(ctx.api(`/agents/${agentId}/states`), { token: ctx.token })).body.agentStates[0] ??
    {};
  const until = (agentId: number, name: string) =>
    waitFor(
      () => stateOf(agentId),
      (s) => s.agentStateName === name,
    );
  const stationOf = (agentId: number) => {
    const agent = ctx.sim.tenant.agent(agentId);
    if (!agent) throw new Error(`no agent ${agentId}`);
    return ctx.sim.tenant.catalog.stationById.get(agent.stationId) as {
      stationId: number;
      phoneNumber: string;
    };
  };
  const hugo = () => ctx.sim.tenant.demoAgent('loggedOut').agentId;
  const apiUser = () => ctx.sim.tenant.demoAgent('apiUser').agentId;

  it("without asAgentId, starts the API user's own session: LoggedIn first, then Unavailable with no reason", async () => {
    await ctx.control.setConfig({ propagationDelayMs: 1000 });
    const me = apiUser();
    const res = await start({ stationId: stationOf(me).stationId });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ sessionId: expect.any(String) });
    expect(await stateOf(me)).toMatchObject({ agentStateName: 'LoggedOut' });

    const firstSeen = await waitFor(
      () => stateOf(me),
      (s) => s.agentStateName !== 'LoggedOut',
    );
    expect(firstSeen).toMatchObject({ agentStateName: 'LoggedIn', stationId: stationOf(me).stationId });
    expect(await until(me, 'Unavailable')).toMatchObject({ outStateId: null, outStateDescription: null });
  });

  it('with asAgentId and an impersonating access key, starts a session as that agent on a phone number', async () => {
    const { phoneNumber } = stationOf(hugo());
    const res = await start({ stationPhoneNumber: phoneNumber, asAgentId: hugo() });
    expect(res.status).toBe(202);
    expect(await until(hugo(), 'Unavailable')).toMatchObject({ stationPhoneNumber: phoneNumber });
    const agent = await send<{ agents: Array<{ lastLogin: string }> }>(ctx.api(`/agents/${hugo()}`), {
      token: ctx.token,
    });
    expect(Date.parse(agent.body.agents[0]?.lastLogin ?? '')).toBeGreaterThan(Date.now() - 5000);
  });

  it('refuses asAgentId with 403 ImpersonateNotEnabled when the access key may not impersonate', async () => {
    const token = await tokenFor(ctx.sim, keyWithout(ctx.sim, 'Agents: Impersonate'));
    const res = await start({ stationId: stationOf(hugo()).stationId, asAgentId: hugo() }, token);
    expect(res.status).toBe(403);
    expect(res.text).toContain('ImpersonateNotEnabled');
    expect(await stateOf(hugo())).toMatchObject({ agentStateName: 'LoggedOut' });
  });

  it('answers SessionInProgress as 409, or as 400 when sessionInProgressStatus says so', async () => {
    const maria = ctx.sim.tenant.demoAgent('available').agentId;
    const body = { stationId: stationOf(maria).stationId, asAgentId: maria };
    const conflict = await start(body);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: 'SessionInProgress' });

    await ctx.control.setConfig({ sessionInProgressStatus: 400 });
    const bad = await start(body);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'SessionInProgress' });
  });

  it("refuses another agent's station by id or by phone number, and stations it does not know", async () => {
    const maria = stationOf(ctx.sim.tenant.demoAgent('available').agentId);
    expect((await start({ stationId: maria.stationId, asAgentId: hugo() })).body).toMatchObject({
      error: 'StationIDInUse',
    });
    // Matched on its digits, however it is written.
    const formatted = maria.phoneNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');
    const byPhone = await start({ stationPhoneNumber: formatted, asAgentId: hugo() });
    expect(byPhone.status).toBe(400);
    expect(byPhone.body).toMatchObject({ error: 'PhoneNumberInUse' });
    for (const body of [
      { stationId: 1, asAgentId: hugo() },
      { stationPhoneNumber: '555', asAgentId: hugo() },
      { asAgentId: hugo() },
    ]) {
      const res = await start(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'InvalidPhoneNumberOrStation' });
    }
  });

  it('starts a session on a hot desk nobody uses', async () => {
    const desk = SPARE_STATIONS[0]?.stationId;
    expect((await start({ stationId: desk, asAgentId: hugo() })).status).toBe(202);
    expect(await until(hugo(), 'Unavailable')).toMatchObject({ stationId: desk });
  });

  it('refuses a deactivated agent with 400 and an agent the API user cannot see with 404', async () => {
    const inactive = ctx.sim.tenant.demoAgent('inactive').agentId;
    expect(
      (await start({ stationId: stationOf(inactive).stationId, asAgentId: inactive })).body,
    ).toMatchObject({
      error: 'AgentInactive',
    });
    const hidden = ctx.sim.tenant.demoAgent('hidden').agentId;
    expect((await start({ stationId: SPARE_STATIONS[0]?.stationId, asAgentId: hidden })).status).toBe(404);
  });

  it("sets the session's state by reason name, refuses other teams' reasons and after-call work", async () => {
    const { sessionId } = (await start({ stationId: stationOf(hugo()).stationId, asAgentId: hugo() })).body;
    const state = (body: Record<string, unknown>) =>
      send(ctx.api(`/agent-sessions/${sessionId}/state`), { method: 'POST', token: ctx.token, json: body });

    expect((await state({ state: 'Available' })).status).toBe(202);
    await until(hugo(), 'Available');
    expect((await state({ state: 'Unavailable', reason: 'lunch' })).status).toBe(202);
    expect(await until(hugo(), 'Unavailable')).toMatchObject({
      outStateDescription: 'Lunch',
      outStateId: 11,
    });

    const meeting = await state({ state: 'Unavailable', reason: 'Meeting' }); // not a Billing code
    expect(meeting.status).toBe(400);
    expect(meeting.body).toMatchObject({ error: 'InvalidReason' });
    const acw = await state({ state: 'Unavailable', reason: 'After Call Work' });
    expect(acw.status).toBe(409);
    expect((await state({ state: 'OnBreak' })).body).toMatchObject({ error: 'InvalidState' });
  });

  it('ends the session with DELETE; afterwards, and for other access keys, the session is not found', async () => {
    const { sessionId } = (await start({ stationId: stationOf(hugo()).stationId, asAgentId: hugo() })).body;
    await until(hugo(), 'Unavailable');
    const other = await tokenFor(ctx.sim, keyWithout(ctx.sim, 'Agents: Impersonate'));
    const foreign = await send(ctx.api(`/agent-sessions/${sessionId}`), { method: 'DELETE', token: other });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: 'InvalidSessionId' });

    expect(
      (await send(ctx.api(`/agent-sessions/${sessionId}`), { method: 'DELETE', token: ctx.token })).status,
    ).toBe(202);
    await until(hugo(), 'LoggedOut');
    expect(
      (await send(ctx.api(`/agent-sessions/${sessionId}`), { method: 'DELETE', token: ctx.token })).status,
    ).toBe(404);
    const late = await send(ctx.api(`/agent-sessions/${sessionId}/state`), {
      method: 'POST',
      token: ctx.token,
      json: { state: 'Available' },
    });
    expect(late.status).toBe(404);
  });

  it('lets a new session start as soon as a logout is accepted, before the logout shows', async () => {
    await ctx.control.setConfig({ propagationDelayMs: 1000 });
    const maria = ctx.sim.tenant.demoAgent('available').agentId;
    expect(
      (await send(ctx.api(`/agents/${maria}/logout`), { method: 'POST', token: ctx.token })).status,
    ).toBe(202);
    const again = await start({ stationId: stationOf(maria).stationId, asAgentId: maria });
    expect(again.status).toBe(202);
  });
});
