import { send, useIncontact, waitFor } from './helpers';

type States = { agentStates: Array<Record<string, unknown>> };
type History = { agentStateHistory: Array<Record<string, unknown>> };

describe("incontact simulator: a supervisor sets an agent's state", () => {
  const ctx = useIncontact({ propagationDelayMs: 100 });
  const setState = (agentId: number, init: { form?: Record<string, string>; json?: unknown }) =>
    send(ctx.api(`/agents/${agentId}/state`), { method: 'POST', token: ctx.token, ...init });
  const stateOf = async (agentId: number) =>
    (await send<States>(ctx.api(`/agents/${agentId}/states`), { token: ctx.token })).body.agentStates[0] ??
    {};
  const until = (agentId: number, name: string) =>
    waitFor(
      () => stateOf(agentId),
      (s) => s.agentStateName === name,
    );

  it('when made Unavailable with a reason, then 200 at once and the state shows after the propagation delay', async () => {
    await ctx.control.setConfig({ propagationDelayMs: 1000 });
    const res = await setState(1001, { form: { state: 'Unavailable', outStateId: '13' } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(await stateOf(1001)).toMatchObject({ agentStateName: 'Available' });

    expect(await until(1001, 'Unavailable')).toMatchObject({
      outStateId: 13,
      outStateDescription: 'Meeting',
      isACW: false,
    });
    const history = await send<History>(ctx.api('/agents/1001/state-history'), { token: ctx.token });
    expect(history.body.agentStateHistory.at(-1)).toMatchObject({
      agentStateName: 'Unavailable',
      outStateDescription: 'Meeting',
      endDate: null,
    });
  });

  it('takes the fields as JSON as well as a form, and ignores an empty outStateId with Available', async () => {
    expect((await setState(1002, { json: { state: 'Available', outStateId: '' } })).status).toBe(200);
    expect(await until(1002, 'Available')).toMatchObject({ outStateId: null, outStateDescription: null });
  });

  it('makes an agent in a session with no state yet Available', async () => {
    const samir = ctx.sim.tenant.demoAgent('loggedInNoState').agentId;
    expect((await setState(samir, { form: { state: 'available' } })).status).toBe(200);
    await until(samir, 'Available');
  });

  it('refuses an agent with no session with 409 AgentNotLoggedIn (it cannot log anyone in)', async () => {
    const res = await setState(ctx.sim.tenant.demoAgent('loggedOut').agentId, {
      form: { state: 'Available' },
    });
    expect(res.status).toBe(409);
    expect(res.statusText).toBe('Agent Not Logged In');
    expect(res.body).toMatchObject({ error: 'AgentNotLoggedIn' });
  });

  it('refuses to override a contact with 409 AgentOnContact', async () => {
    const res = await setState(ctx.sim.tenant.demoAgent('onContact').agentId, {
      form: { state: 'Available' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'AgentOnContact' });
  });

  it('refuses unknown, inactive and other teams’ unavailable codes with 400, and after-call work with 409', async () => {
    const sales = 1001;
    const billing = ctx.sim.tenant.demoAgent('loggedInNoState').agentId;
    for (const [agentId, outStateId] of [
      [sales, '999'],
      [sales, '17'], // Personal: inactive
      [billing, '13'], // Meeting: not a Billing code
    ] as const) {
      const res = await setState(agentId, { form: { state: 'Unavailable', outStateId } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'InvalidOutStateId' });
    }
    const acw = await setState(sales, { form: { state: 'Unavailable', outStateId: '15' } });
    expect(acw.status).toBe(409);
    expect(acw.body).toMatchObject({ error: 'AcwRequiresContact' });
  });

  it('refuses states that cannot be set and fields it cannot read with 400', async () => {
    for (const form of [{ state: 'LoggedIn' }, { state: 'Busy' }, {}] as Array<Record<string, string>>) {
      const res = await setState(1001, { form });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'InvalidState' });
    }
    const badId = await setState(1001, { form: { state: 'Unavailable', outStateId: 'lunch' } });
    expect(badId.body).toMatchObject({ error: 'InvalidRequest' });
    const badJson = await send(ctx.api('/agents/1001/state'), {
      method: 'POST',
      token: ctx.token,
      headers: { 'content-type': 'application/json' },
      json: undefined,
    });
    expect(badJson.status).toBe(400);
  });

  it('answers 404 Invalid Agent Id for an agent it does not know', async () => {
    const res = await setState(424242, { form: { state: 'Available' } });
    expect(res.status).toBe(404);
    expect(res.statusText).toBe('Invalid Agent Id');
  });

  it('decides by what it has accepted: after a logout is accepted, a state change is refused even before the logout shows', async () => {
    await ctx.control.setConfig({ propagationDelayMs: 1000 });
    expect((await send(ctx.api('/agents/1001/logout'), { method: 'POST', token: ctx.token })).status).toBe(
      202,
    );
    expect(await stateOf(1001)).toMatchObject({ agentStateName: 'Available' });
    expect((await setState(1001, { form: { state: 'Unavailable' } })).status).toBe(409);
  });
});

describe('incontact simulator: force logout', () => {
  const ctx = useIncontact({ propagationDelayMs: 100 });
  const logout = (agentId: number) =>
    send(ctx.api(`/agents/${agentId}/logout`), { method: 'POST', token: ctx.token });
  const stateOf = async (agentId: number) =>
    (await send<States>(ctx.api(`/agents/${agentId}/states`), { token: ctx.token })).body.agentStates[0] ??
    {};

  it('ends the session of an agent on a contact, drops the contact and records both in the history', async () => {
    const priya = ctx.sim.tenant.demoAgent('onContact').agentId;
    const before = await stateOf(priya);
    const res = await logout(priya);
    expect(res.status).toBe(202);

    const after = await waitFor(
      () => stateOf(priya),
      (s) => s.agentStateName === 'LoggedOut',
    );
    expect(after).toMatchObject({ agentStateName: 'LoggedOut', contactId: null, stationId: null });

    const history = await send<History>(ctx.api(`/agents/${priya}/state-history`), { token: ctx.token });
    const [contact, loggedOut] = history.body.agentStateHistory.slice(-2);
    expect(contact).toMatchObject({
      agentStateName: 'InboundContact',
      contactId: before.contactId,
      endDate: loggedOut?.startDate,
    });
    expect(loggedOut).toMatchObject({ agentStateName: 'LoggedOut', agentSessionId: contact?.agentSessionId });
  });

  it('refuses an agent with no session with 409 AgentNotLoggedIn', async () => {
    const res = await logout(ctx.sim.tenant.demoAgent('loggedOut').agentId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'AgentNotLoggedIn' });
  });
});
