import { send, useIncontact } from './helpers';

type Body = Record<string, unknown>;
const list = (body: Body, field: string) => body[field] as Body[];

describe('incontact simulator: agent directory, skills, codes and history', () => {
  const ctx = useIncontact();
  const get = (path: string) => send(ctx.api(path), { token: ctx.token });

  it('pages the agent list with totalRecords and _links.next, and counts agents the API user cannot see', async () => {
    const page1 = await get('/agents?top=10');
    expect(page1.status).toBe(200);
    const visible = ctx.sim.tenant.catalog.agents.filter((a) => a.visible);
    expect(page1.body).toMatchObject({ totalRecords: visible.length, hiddenAgents: 60 - visible.length });
    expect(list(page1.body, 'agents')).toHaveLength(10);
    expect(list(page1.body, 'agents')[0]).toEqual({
      agentId: 1001,
      userID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userName: 'mgarcia',
      firstName: 'Maria',
      lastName: 'Garcia',
      emailAddress: 'maria.garcia@example.com',
      isActive: true,
      teamId: 101,
      teamName: 'Sales',
      isSupervisor: false,
      lastLogin: expect.any(String),
    });

    const next = (page1.body._links as { next: string }).next;
    const page2 = await send(next, { token: ctx.token });
    expect(list(page2.body, 'agents')[0]?.agentId).toBe(
      (list(page1.body, 'agents')[9]?.agentId as number) + 1,
    );

    const last = await get(`/agents?top=10&skip=${visible.length - 3}`);
    expect(list(last.body, 'agents')).toHaveLength(3);
    expect((last.body._links as { next: unknown }).next).toBeNull();
  });

  it('searches names, user names and emails, filters on isActive, and reports a hidden match', async () => {
    const maria = await get('/agents?searchString=GARCIA');
    expect(list(maria.body, 'agents').map((a) => a.emailAddress)).toContain('maria.garcia@example.com');

    const inactive = await get('/agents?isActive=false');
    expect(list(inactive.body, 'agents').every((a) => a.isActive === false)).toBe(true);
    expect(list(inactive.body, 'agents').map((a) => a.agentId)).toContain(
      ctx.sim.tenant.demoAgent('inactive').agentId,
    );

    const hidden = ctx.sim.tenant.demoAgent('hidden');
    const search = await get(`/agents?searchString=${hidden.email}`);
    expect(search.body).toMatchObject({ totalRecords: 0, hiddenAgents: 1, agents: [] });
  });

  it('refuses paging and filter values it cannot read', async () => {
    for (const query of ['top=0', 'top=abc', 'skip=-1', 'isActive=maybe']) {
      const res = await get(`/agents?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'InvalidParameter' });
    }
  });

  it('finds one agent by integer id or user UUID, always as an array', async () => {
    const maria = ctx.sim.tenant.demoAgent('available');
    const byId = await get(`/agents/${maria.agentId}`);
    const byUuid = await get(`/agents/${maria.userId.toUpperCase()}`);
    expect(byId.status).toBe(200);
    expect(byUuid.body).toEqual(byId.body);
    expect(list(byId.body, 'agents')).toHaveLength(1);
  });

  it('answers 404 Invalid Agent Id for unknown, malformed and hidden agents', async () => {
    const hidden = ctx.sim.tenant.demoAgent('hidden');
    for (const path of [
      '/agents/99999',
      '/agents/not-an-id',
      `/agents/${hidden.agentId}`,
      '/agents/99999/states',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.statusText).toBe('Invalid Agent Id');
      expect(res.body).toMatchObject({
        error: 'InvalidAgentId',
        error_description: expect.stringContaining('Invalid Agent Id'),
      });
    }
  });

  it("shows each demo agent's state with the document's field names", async () => {
    const state = async (role: Parameters<typeof ctx.sim.tenant.demoAgent>[0]) => {
      const res = await get(`/agents/${ctx.sim.tenant.demoAgent(role).agentId}/states`);
      return list(res.body, 'agentStates')[0] as Body;
    };
    expect(await state('available')).toMatchObject({
      agentId: 1001,
      agentStateId: 1,
      agentStateName: 'Available',
      startDate: expect.any(String),
      outStateId: null,
      outStateDescription: null,
      skillId: 0,
      contactId: null,
      stationId: expect.any(Number),
      stationPhoneNumber: expect.any(String),
      teamId: 101,
      teamName: 'Sales',
      isACW: false,
      lastUpdateTime: expect.any(String),
    });
    expect(await state('unavailable')).toMatchObject({
      agentStateName: 'Unavailable',
      outStateId: 11,
      outStateDescription: 'Lunch',
    });
    expect(await state('onContact')).toMatchObject({
      agentStateId: 3,
      agentStateName: 'InboundContact',
      contactId: expect.any(Number),
      skillId: 2003,
      skillName: 'Support Inbound',
    });
    expect(await state('loggedInNoState')).toMatchObject({ agentStateId: 8, agentStateName: 'LoggedIn' });
    expect(await state('loggedOut')).toMatchObject({
      agentStateId: 0,
      agentStateName: 'LoggedOut',
      stationId: null,
    });
    expect(await state('inactive')).toMatchObject({ agentStateName: 'LoggedOut' });
  });

  it('lists skills, an agent’s skill assignments and the unavailable codes per team and tenant', async () => {
    const skills = await get('/skills');
    expect(list(skills.body, 'skills')).toContainEqual(
      expect.objectContaining({
        skillId: 2001,
        skillName: 'Sales Inbound',
        mediaTypeName: 'Phone Call',
        isActive: true,
        isOutbound: false,
      }),
    );
    expect(list(skills.body, 'skills').some((s) => s.isActive === false)).toBe(true);

    const assigned = await get('/agents/1001/skills');
    expect(list(assigned.body, 'agentSkillAssignments')[0]).toMatchObject({
      skillId: 2001,
      skillName: 'Sales Inbound',
      isActive: true,
      isSkillActive: true,
      agentProficiencyValue: expect.any(Number),
    });

    const team = await get('/teams/101/unavailable-codes');
    expect(list(team.body, 'unavailableCodes')).toContainEqual({
      outstateId: 15,
      outstateName: 'After Call Work',
      isActive: true,
      isAcw: true,
    });
    const tenant = await get('/unavailable-codes');
    expect(list(tenant.body, 'unavailableCodes')).toContainEqual({
      id: 11,
      name: 'Lunch',
      isActive: true,
      isACW: false,
    });

    const unknownTeam = await get('/teams/999/unavailable-codes');
    expect(unknownTeam.status).toBe(404);
    expect(unknownTeam.statusText).toBe('Invalid Team Id');
  });

  it("tells from the state history when a logged-out agent's session ended", async () => {
    const hugo = ctx.sim.tenant.demoAgent('loggedOut');
    const res = await get(`/agents/${hugo.agentId}/state-history`);
    const rows = list(res.body, 'agentStateHistory');
    const last = rows.at(-1) as Body;
    expect(last).toMatchObject({
      agentStateName: 'LoggedOut',
      agentSessionId: expect.any(Number),
      stationName: expect.any(String),
    });
    const session = rows.filter((r) => r.agentSessionId === last.agentSessionId);
    expect(session[0]).toMatchObject({ agentStateName: 'LoggedIn' });
    for (const row of rows) {
      expect(row).toHaveProperty('outStateDescription');
      expect(row.duration).toBeGreaterThanOrEqual(0);
    }
    // The break the agent took during the session, with its reason.
    expect(session).toContainEqual(
      expect.objectContaining({ agentStateName: 'Unavailable', outStateDescription: 'Break' }),
    );
    const times = rows.map((r) => Date.parse(String(r.startDate)));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('limits the state history to the requested window and refuses bad dates', async () => {
    const now = Date.now();
    const recent = await get(
      `/agents/1004/state-history?startDate=${new Date(now - 60_000).toISOString()}&endDate=${new Date(now).toISOString()}`,
    );
    expect(list(recent.body, 'agentStateHistory').map((r) => r.agentStateName)).toEqual(['LoggedOut']);

    const bad = await get('/agents/1004/state-history?startDate=yesterday');
    expect(bad.status).toBe(400);
    const reversed = await get(
      `/agents/1004/state-history?startDate=${new Date(now).toISOString()}&endDate=${new Date(now - 1000).toISOString()}`,
    );
    expect(reversed.status).toBe(400);
  });
});
