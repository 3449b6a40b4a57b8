import type { SimAgentState } from '../../src/simulator';
import { pick, send, sleep, tokenFor, useSimulator } from './helpers';

// Long enough that a loaded CI machine still reads "before" inside the window, short enough to keep tests quick.
const DELAY = 500;
/** 201 carries `state`; errors carry `error`, `message` and, on 409, `skillId`. */
type LoginReply = { state: SimAgentState; error?: string; message?: string; skillId?: string };

describe('simulator login (POST /api/v2/agents/{agentId}/states)', () => {
  const ctx = useSimulator({ propagationDelayMs: DELAY });
  const statesUrl = (agentId: string) => `${ctx.sim.url}/api/v2/agents/${agentId}/states`;
  const login = (agentId: string, json: unknown, token = ctx.token) =>
    send<LoginReply>(statesUrl(agentId), { method: 'POST', token, json });
  const visible = async (agentId: string) =>
    (await send<{ states: SimAgentState[] }>(statesUrl(agentId), { token: ctx.token })).body.states;

  it('accepts a valid login with 201 and shows it only after the propagation delay', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const body = p.login('Billing');
    const res = await login(agent.id, body);
    expect(res.status).toBe(201);
    expect(res.body.state).toEqual({ agentId: agent.id, ...body, loginTime: expect.any(String) });
    expect(await visible(agent.id)).toEqual([]);
    await sleep(DELAY + 100);
    expect(await visible(agent.id)).toEqual([res.body.state]);
  });

  it('accepts a login with another state definition of the skill, yet the state never appears', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const billing = p.skill('Billing');
    const loggedOut = ctx.sim.tenant.stateDefinitions(billing.id).find((d) => d.name === 'Logged Out');
    const res = await login(agent.id, { ...p.login('Billing'), stateId: loggedOut?.id });
    expect(res.status).toBe(201);
    await sleep(DELAY + 100);
    expect(await visible(agent.id)).toEqual([]);
  });

  it('accepts a login with another skill\'s "Logged In" state or an unknown activity, yet nothing appears', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const wrongSkillState = { ...p.login('Billing'), stateId: p.login('VIP').stateId };
    const unknownActivity = { ...p.login('VIP'), activityId: '11111111-1111-4111-8111-111111111111' };
    expect((await login(agent.id, wrongSkillState)).status).toBe(201);
    expect((await login(agent.id, unknownActivity)).status).toBe(201);
    await sleep(DELAY + 100);
    expect(await visible(agent.id)).toEqual([]);
    // Such a login holds nothing, so the corrected retry is not a 409.
    expect((await login(agent.id, p.login('Billing'))).status).toBe(201);
  });

  it('answers 409 naming the skill when the agent is already in that skill', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    await ctx.control.setAgentStates(agent.id, [{ skillId: p.skill('Billing').id }]);
    const res = await login(agent.id, p.login('Billing'));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: 'conflict',
      message: expect.stringContaining('already logged in to Billing'),
      skillId: p.skill('Billing').id,
    });
  });

  it('answers 409 with the conflicting skill id for a skill of the same conflict group', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    await ctx.control.setAgentStates(agent.id, [{ skillId: p.skill('Sales ES').id }]);
    const res = await login(agent.id, p.login('Sales EN'));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already logged in to Sales ES/);
    expect(res.body.skillId).toBe(p.skill('Sales ES').id);
    // A skill outside the group is fine.
    expect((await login(agent.id, p.login('Support Tier 1'))).status).toBe(201);
  });

  it('counts a login that has not propagated yet when checking conflicts', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    expect((await login(agent.id, p.login('Support Tier 1'))).status).toBe(201);
    const second = await login(agent.id, p.login('Support Tier 2'));
    expect(second.status).toBe(409);
    expect(second.body.skillId).toBe(p.skill('Support Tier 1').id);
  });

  it('answers 400 agent_inactive for an inactive agent', async () => {
    const p = pick(ctx.sim);
    const res = await login(p.inactive().id, p.login('Billing'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'agent_inactive', message: expect.any(String) });
  });

  it('answers 400 naming the field for a missing or non-UUID field, or a non-JSON body', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const { skillId: _omitted, ...withoutSkill } = p.login('Billing');
    const missing = await login(agent.id, withoutSkill);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'bad_request', message: expect.stringContaining('skillId') });
    const notUuid = await login(agent.id, { ...p.login('Billing'), activityId: 'Available' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.message).toContain('activityId');
    const raw = await fetch(statesUrl(agent.id), {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
  });

  it('answers 400 unknown_skill for a skill id that does not exist, and 400 skill_inactive for Outbound', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const unknownSkill = '22222222-2222-4222-8222-222222222222';
    const unknown = await login(agent.id, { ...p.login('Billing'), skillId: unknownSkill });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unknown_skill', skillId: unknownSkill });
    const inactive = await login(agent.id, p.login('Outbound'));
    expect(inactive.status).toBe(400);
    expect(inactive.body).toMatchObject({ error: 'skill_inactive', skillId: p.skill('Outbound').id });
  });

  it('answers 404 for an unknown agent', async () => {
    const res = await login('00000000-0000-4000-8000-000000000000', pick(ctx.sim).login('Billing'));
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  it('answers 403 requires scope Agent-Write for a read-only client', async () => {
    const p = pick(ctx.sim);
    const token = await tokenFor(ctx.sim, 'agentstate-readonly');
    const res = await login(p.loggedOut().id, p.login('Billing'), token);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'insufficient_scope', message: 'requires scope Agent-Write' });
  });
});

describe('simulator logout (DELETE /api/v2/agents/{agentId}/states/{stateId})', () => {
  const ctx = useSimulator({ propagationDelayMs: DELAY });
  const stateUrl = (agentId: string, stateId: string) =>
    `${ctx.sim.url}/api/v2/agents/${agentId}/states/${stateId}`;
  const visible = async (agentId: string) =>
    (
      await send<{ states: SimAgentState[] }>(`${ctx.sim.url}/api/v2/agents/${agentId}/states`, {
        token: ctx.token,
      })
    ).body.states;

  it('answers 204 and removes the state after the propagation delay', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const [state] = await ctx.control.setAgentStates(agent.id, [{ skillId: p.skill('VIP').id }]);
    const res = await send(stateUrl(agent.id, state?.stateId ?? ''), { method: 'DELETE', token: ctx.token });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(await visible(agent.id)).toHaveLength(1);
    await sleep(DELAY + 100);
    expect(await visible(agent.id)).toEqual([]);
  });

  it('frees the skill at once, so a switch (logout then login) is not a 409', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    await ctx.control.setAgentStates(agent.id, [{ skillId: p.skill('Sales EN').id }]);
    const del = await send(stateUrl(agent.id, p.login('Sales EN').stateId), {
      method: 'DELETE',
      token: ctx.token,
    });
    expect(del.status).toBe(204);
    const res = await send(`${ctx.sim.url}/api/v2/agents/${agent.id}/states`, {
      method: 'POST',
      token: ctx.token,
      json: p.login('Sales ES'),
    });
    expect(res.status).toBe(201);
    await sleep(DELAY + 100);
    expect((await visible(agent.id)).map((s) => s.skillId)).toEqual([p.skill('Sales ES').id]);
  });

  it('answers 404 when the agent is not logged in with that state, including a login still propagating', async () => {
    const p = pick(ctx.sim);
    const agent = p.loggedOut();
    const notHeld = await send(stateUrl(agent.id, p.login('VIP').stateId), {
      method: 'DELETE',
      token: ctx.token,
    });
    expect(notHeld.status).toBe(404);
    expect(notHeld.body.error).toBe('not_found');
    await send(`${ctx.sim.url}/api/v2/agents/${agent.id}/states`, {
      method: 'POST',
      token: ctx.token,
      json: p.login('VIP'),
    });
    const pending = await send(stateUrl(agent.id, p.login('VIP').stateId), {
      method: 'DELETE',
      token: ctx.token,
    });
    expect(pending.status).toBe(404);
  });

  it('answers 404 for an unknown agent and 403 without Agent-Write', async () => {
    const p = pick(ctx.sim);
    const stateId = p.login('VIP').stateId;
    const unknown = await send(stateUrl('00000000-0000-4000-8000-000000000000', stateId), {
      method: 'DELETE',
      token: ctx.token,
    });
    expect(unknown.status).toBe(404);
    const agent = p.loggedIn();
    const held = ctx.sim.tenant.visibleStates(agent.id)[0]?.stateId ?? '';
    const token = await tokenFor(ctx.sim, 'agentstate-readonly');
    expect((await send(stateUrl(agent.id, held), { method: 'DELETE', token })).status).toBe(403);
    expect(ctx.sim.tenant.visibleStates(agent.id).map((s) => s.stateId)).toContain(held);
  });
});
