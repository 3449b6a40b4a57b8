import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl } from '../../src/simulator/control';
import { agentstate } from './run-cli';

describe('agentstate doctor (v2 dialect)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 0 });
  });
  afterAll(() => sim.close());
  const env = () => ({
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: sim.demo.clientSecret,
  });

  it('when everything is right, then every check is ✓ and it exits 0', async () => {
    const r = await agentstate(env(), 'doctor');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Configuration: v2 dialect at http://127.0.0.1');
    expect(r.stdout).toContain('✓ Scopes: Agent-Read, Agent-Write, Skills-Read');
    expect(r.stdout).toMatch(/✓ One skill's state definitions: \d+ definitions/);
    expect(r.stdout).toMatch(/All \d+ checks passed/);
    expect(r.stdout).not.toContain('✗');
  });

  it('when the client lacks a scope, then the scope check fails naming it, and it exits 1', async () => {
    const readonly = sim.clients.find((c) => c.clientId === 'agentstate-readonly')!;
    const r = await agentstate(
      { ...env(), CXONE_CLIENT_ID: readonly.clientId, CXONE_CLIENT_SECRET: readonly.clientSecret },
      'doctor',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Scopes: the token lacks Agent-Write/);
    expect(r.stdout).toMatch(/Fix: .*Agent-Write/);
  });

  it('when the secret is wrong, then sign-in fails with the fix and nothing else is tried', async () => {
    const r = await agentstate({ ...env(), CXONE_CLIENT_SECRET: 'wrong-secret' }, 'doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Sign-in/);
    expect(r.stdout).not.toContain('Agents (search)');
    expect(r.stdout).not.toContain('wrong-secret');
  });

  it('when the configuration is incomplete, then the configuration check fails and it exits 2', async () => {
    const r = await agentstate({ CXONE_BASE_URL: sim.url }, 'doctor', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      checks: [{ label: 'Configuration', ok: false }],
    });
  });

  it('available and unavailable say plainly that the v2 API has no sessions, and send nothing', async () => {
    const control = createSimulatorControl(sim.url);
    await control.reset();
    const r = await agentstate(env(), 'available', 'maria');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not supported by this CXone API/);
    expect((await control.counts()).total).toBe(0);
  });
});
