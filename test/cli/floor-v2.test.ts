import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl } from '../../src/simulator/control';
import { agentstate } from './run-cli';

describe("agentstate floor on the tutorial's API (skills)", () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 0 });
    env = {
      CXONE_BASE_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
    };
  });
  afterAll(() => sim.close());

  it('without a skill: one line per active skill, counted from one bulk read', async () => {
    const control = createSimulatorControl(sim.url);
    await control.reset();
    const r = await agentstate(env, 'floor', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { rows: Array<{ scope: { name: string }; total: number }> };
    const loggedIn = sim.tenant.agents.flatMap((a) => sim.tenant.visibleStates(a.id)).length;
    expect(summary.rows.reduce((n, row) => n + row.total, 0)).toBe(loggedIn);
    expect(await control.count('GET /api/v2/agents/states')).toBe(1);
  });

  it('a skill by name: its logged-in agents grouped by activity, by name', async () => {
    const skill = sim.tenant.skills.find((s) => s.isActive)!;
    const r = await agentstate(env, 'floor', skill.name);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${skill.name} — \\d+ agents`));
  });

  it('an unknown skill lists the valid ones and exits 2; --fix is refused in this dialect', async () => {
    const r = await agentstate(env, 'floor', 'Nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no skill is called "Nope"; skills: /);
    const fix = await agentstate(env, 'floor', 'Billing', '--fix', 'make-available');
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/not supported by this CXone API/);
  });
});
