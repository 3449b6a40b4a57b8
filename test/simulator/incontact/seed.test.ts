import {
  type AgentStateName,
  describeSimulator,
  INCONTACT_DEFAULTS,
  type RunningIncontactSimulator,
  startSimulator,
} from '../../../src/simulator';

const summary = (sim: RunningIncontactSimulator) =>
  sim.tenant.catalog.agents.map((a) => ({
    ...a,
    lastLogin: undefined,
    state: sim.tenant.visibleState(a.agentId).state,
  }));

describe('incontact simulator: the seeded tenant', () => {
  let sim: RunningIncontactSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ dialect: 'incontact' });
  });
  afterAll(() => sim.close());

  it('is the same for the same seed, and differs for another seed except for the fixed demo agents', async () => {
    const same = await startSimulator({ dialect: 'incontact', seed: INCONTACT_DEFAULTS.seed });
    const other = await startSimulator({ dialect: 'incontact', seed: 7 });
    try {
      expect(summary(same)).toEqual(summary(sim));
      expect(same.tenant.catalog.tenantId).toBe(sim.tenant.catalog.tenantId);
      expect(other.tenant.catalog.tenantId).not.toBe(sim.tenant.catalog.tenantId);
      expect(other.tenant.demoAgent('available')).toMatchObject({
        agentId: 1001,
        firstName: 'Maria',
        lastName: 'Garcia',
      });
      expect(summary(other).slice(10)).not.toEqual(summary(sim).slice(10));
    } finally {
      await Promise.all([same.close(), other.close()]);
    }
  });

  it('has about 60 agents with integer ids from 1001, user UUIDs and unique emails and user names', () => {
    const { agents } = sim.tenant.catalog;
    expect(agents).toHaveLength(INCONTACT_DEFAULTS.agentCount);
    expect(agents.map((a) => a.agentId)).toEqual(agents.map((_, i) => 1001 + i));
    expect(new Set(agents.map((a) => a.userId)).size).toBe(agents.length);
    expect(new Set(agents.map((a) => a.email)).size).toBe(agents.length);
    expect(new Set(agents.map((a) => a.userName)).size).toBe(agents.length);
    for (const a of agents)
      expect(a.userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has agents in every state, deactivated ones, hidden ones, and a supervisor per access key', () => {
    const states = new Set(summary(sim).map((a) => a.state));
    for (const state of [
      'Available',
      'Unavailable',
      'InboundContact',
      'LoggedIn',
      'LoggedOut',
    ] as AgentStateName[])
      expect(states).toContain(state);
    const { agents } = sim.tenant.catalog;
    expect(agents.filter((a) => !a.isActive).length).toBeGreaterThanOrEqual(1);
    expect(agents.filter((a) => !a.visible).length).toBeGreaterThanOrEqual(1);
    for (const key of sim.accessKeys)
      expect(sim.tenant.agent(key.agentId)).toMatchObject({ isSupervisor: true });
  });

  it('gives every agent not logged out an open session on its own station, and no one else', () => {
    const stations = new Set<number>();
    for (const agent of sim.tenant.catalog.agents) {
      const state = sim.tenant.visibleState(agent.agentId);
      const session = sim.tenant.liveSession(agent.agentId);
      if (state.state === 'LoggedOut') expect(session).toBeUndefined();
      else {
        expect(session).toMatchObject({ stationId: agent.stationId, agentSessionId: state.agentSessionId });
        expect(stations.has(agent.stationId)).toBe(false);
        stations.add(agent.stationId);
      }
      if (!agent.isActive) expect(state.state).toBe('LoggedOut');
    }
  });

  it('seeds teams with their unavailable codes, one of them after-call work, and skills assigned by team', () => {
    const { teams, codes, agents } = sim.tenant.catalog;
    expect(teams.map((t) => t.teamName)).toEqual(expect.arrayContaining(['Sales', 'Support', 'Billing']));
    const names = (ids: readonly number[]) => ids.map((id) => codes.find((c) => c.id === id)?.name);
    for (const team of teams.filter((t) => t.teamName !== 'Supervisors'))
      expect(names(team.codeIds)).toEqual(
        expect.arrayContaining(['Lunch', 'Break', 'Training', 'After Call Work']),
      );
    expect(codes.find((c) => c.isAcw)?.name).toBe('After Call Work');
    for (const agent of agents.filter((a) => !a.isSupervisor)) expect(agent.skills.length).toBeGreaterThan(0);
  });

  it('keeps the first agents the same for a larger tenant, and seeds 10,000', async () => {
    const big = await startSimulator({ dialect: 'incontact', agentCount: 10_000 });
    try {
      expect(big.tenant.catalog.agents).toHaveLength(10_000);
      expect(summary(big).slice(0, 60)).toEqual(summary(sim));
      expect(big.tenant.catalog.agents.at(-1)?.agentId).toBe(11_000);
      expect(new Set(big.tenant.catalog.stations.map((s) => s.phoneNumber)).size).toBe(
        big.tenant.catalog.stations.length,
      );
    } finally {
      await big.close();
    }
  });

  it('never seeds fewer agents than the fixed demo agents and API users', async () => {
    const tiny = await startSimulator({ dialect: 'incontact', agentCount: 0 });
    try {
      expect(tiny.tenant.catalog.agents).toHaveLength(10);
      expect(tiny.tenant.demoAgent('apiUser').agentId).toBe(1008);
    } finally {
      await tiny.close();
    }
  });

  it('prints the environment to paste and the demo agents in its banner', () => {
    const banner = describeSimulator(sim);
    expect(banner).toContain('incontact');
    for (const line of [
      'CXONE_DIALECT=incontact',
      `CXONE_AUTH_URL=${sim.url}`,
      `CXONE_CLIENT_ID=${sim.demo.clientId}`,
      `CXONE_CLIENT_SECRET=${sim.demo.clientSecret}`,
      `CXONE_ACCESS_KEY_ID=${sim.demo.accessKeyId}`,
      `CXONE_ACCESS_KEY_SECRET=${sim.demo.accessKeySecret}`,
      'CXONE_IMPERSONATION=1',
    ])
      expect(banner).toContain(line);
    for (const name of ['Maria Garcia', 'Liam Murphy', 'Priya Patel', 'Hugo Martin', 'Nora Kim'])
      expect(banner).toContain(name);
    expect(banner).toContain('Unavailable (Lunch)');
    for (const key of sim.accessKeys) expect(banner).toContain(key.accessKeyId);
  });
});
