import { describeSimulator, type RunningSimulator, startSimulator } from '../../src/simulator';
import { send, tokenFor } from './helpers';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('simulator seeded tenant', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('seeds 60 agents, about 5 inactive and a third logged in, with unique emails and user names', () => {
    const { agents } = sim.tenant;
    expect(agents).toHaveLength(60);
    expect(agents.filter((a) => !a.isActive)).toHaveLength(5);
    expect(agents.filter((a) => sim.tenant.visibleStates(a.id).length > 0)).toHaveLength(20);
    expect(agents.filter((a) => !a.isActive && sim.tenant.visibleStates(a.id).length > 0)).toEqual([]);
    expect(new Set(agents.map((a) => a.email)).size).toBe(60);
    expect(new Set(agents.map((a) => a.userName)).size).toBe(60);
    for (const a of agents) {
      expect(a.id).toMatch(UUID_V4);
      expect(a.email).toMatch(/^[a-z.0-9]+@example\.com$/);
    }
  });

  it('never seeds an agent into two skills of one conflict group', () => {
    for (const agent of sim.tenant.agents) {
      const groups = sim.tenant
        .visibleStates(agent.id)
        .map((s) => sim.tenant.conflictGroup(s.skillId))
        .filter((g) => g !== undefined);
      expect(new Set(groups).size).toBe(groups.length);
    }
  });

  it('is deterministic for a seed and different for another', async () => {
    const again = await startSimulator({ port: 0 });
    const other = await startSimulator({ seed: 7 });
    try {
      expect(again.tenant.agents).toEqual(sim.tenant.agents);
      expect(again.tenant.skills).toEqual(sim.tenant.skills);
      expect(again.tenant.activities).toEqual(sim.tenant.activities);
      expect(other.tenant.agents[0]?.id).not.toBe(sim.tenant.agents[0]?.id);
      expect(other.tenant.skills[0]?.id).not.toBe(sim.tenant.skills[0]?.id);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('describes itself with the URL, env lines, clients and agents to try', () => {
    const text = describeSimulator(sim);
    expect(text).toContain(`CXONE_BASE_URL=${sim.url}`);
    expect(text).toContain('CXONE_CLIENT_ID=agentstate-demo');
    expect(text).toContain('CXONE_CLIENT_SECRET=demo-secret');
    for (const c of sim.clients) expect(text).toContain(c.clientId);
    for (const label of ['logged out', 'logged in', 'inactive', '409 conflict'])
      expect(text).toContain(label);
    const inactive = sim.tenant.agents.find((a) => !a.isActive);
    expect(text).toContain(inactive?.email);
    expect(text).toMatch(/in Sales EN; logging in to Sales ES \(id [0-9a-f-]{36}\) answers 409/);
  });

  it('the 409 pair named in the banner really answers 409', async () => {
    const text = describeSimulator(sim);
    const line = text.split('\n').find((l) => l.includes('409 conflict')) ?? '';
    const agentId = /([0-9a-f-]{36})\s*$/.exec(line)?.[1] ?? '';
    const skillId = /\(id ([0-9a-f-]{36})\)/.exec(text)?.[1] ?? '';
    const token = await tokenFor(sim);
    const res = await send(`${sim.url}/api/v2/agents/${agentId}/states`, {
      method: 'POST',
      token,
      json: {
        skillId,
        stateId: sim.tenant.loginStateId(skillId),
        activityId: sim.tenant.activityByName('Available')?.id,
      },
    });
    expect(res.status).toBe(409);
  });
});

describe('simulator with 10,000 agents', () => {
  let sim: RunningSimulator;
  let startCpuMs: number;
  beforeAll(async () => {
    // CPU time, not wall-clock: on a shared CI machine other processes can stall us for seconds.
    const started = process.cpuUsage();
    sim = await startSimulator({ agentCount: 10_000 });
    const used = process.cpuUsage(started);
    startCpuMs = (used.user + used.system) / 1000;
  });
  afterAll(() => sim.close());

  it('starts in well under a second of CPU time', () => {
    expect(sim.tenant.agents).toHaveLength(10_000);
    // Generous: it takes well under 200 ms on a laptop.
    expect(startCpuMs).toBeLessThan(1000);
    expect(new Set(sim.tenant.agents.map((a) => a.email)).size).toBe(10_000);
  });

  it('serves searches and the bulk poll over the whole tenant', async () => {
    const token = await tokenFor(sim);
    const search = await send<{ total: number }>(`${sim.url}/api/v2/agents?search=silva`, { token });
    expect(search.status).toBe(200);
    expect(search.body.total).toBeGreaterThan(100);
    const bulk = await send<{ states: unknown[]; lastPollTime: string }>(`${sim.url}/api/v2/agents/states`, {
      token,
    });
    expect(bulk.body.states.length).toBeGreaterThan(3000);
    const incremental = await send<{ states: unknown[] }>(
      `${sim.url}/api/v2/agents/states?updatedSince=${encodeURIComponent(bulk.body.lastPollTime)}`,
      { token },
    );
    expect(incremental.body.states).toEqual([]);
  });
});
