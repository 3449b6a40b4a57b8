import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli';
import { createCliContext } from '../../src/main';
import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import { openStore } from '../../src/store';

/** Runs `agentstate …` in-process through the real composition root, as a user at a terminal would. */
async function agentstate(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  };
  const code = await runCli(argv, createCliContext(env, io));
  return { code, stdout, stderr };
}

describe('agentstate CLI against the simulator', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let env: Record<string, string>;
  const loggedOut = () =>
    sim.tenant.agents.find((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0)!;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 300 });
    control = createSimulatorControl(sim.url);
    env = {
      CXONE_BASE_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      VERIFY_TIMEOUT_MS: '5000',
      DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-cli-')), 'cli.db')}`,
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset());

  it('when an agent is logged out, then status says why and how to fix it, and exits 0', async () => {
    const agent = loggedOut();

    const r = await agentstate(env, 'status', agent.id);

    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No active states');
    expect(r.stdout).toMatch(/not logged in/i);
    expect(r.stdout).toContain(`agentstate login ${agent.id}`);
  });

  it('when diagnosing a logged-out agent, then every check is listed and it exits 1', async () => {
    const r = await agentstate(env, 'diagnose', loggedOut().email);

    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ OAuth token obtainable');
    expect(r.stdout).toContain('✗ Agent has states');
    expect(r.stdout).toContain('Verdict: not_logged_in');
  });

  it('when logging an agent in, then progress is shown and the login is verified (exit 0)', async () => {
    const agent = loggedOut();

    const r = await agentstate(env, 'login', agent.id, '--skill', 'Billing');

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/logged in to Billing as Available — verified in/);
    expect(r.stderr).toContain('Verifying…');
    expect(sim.tenant.visibleStates(agent.id)).toHaveLength(1);
  });

  it('when asked for JSON, then the outcome is machine-readable', async () => {
    const agent = loggedOut();

    const r = await agentstate(env, 'login', agent.id, '--skill', 'Billing', '--json');

    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      kind: 'verified',
      target: { skill: { name: 'Billing' } },
    });
  });

  it('when the skill name is unknown, then it exits 2 listing the skills and posts nothing', async () => {
    const r = await agentstate(env, 'login', loggedOut().id, '--skill', 'Nonexistent');

    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Sales EN');
    expect(await control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
    expect((await agentstate(env, 'audit', '--json')).stdout).not.toContain('Nonexistent');
  });

  it('when the agent id is malformed, then it exits 2 with one line and makes no CXone call', async () => {
    const r = await agentstate(env, 'status', '1234-abcd-ef');

    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a valid UUID/);
    expect((await control.counts()).total).toBe(0);
  });

  it('when a configuration variable is missing, then it exits 2 naming it', async () => {
    const r = await agentstate({ CXONE_BASE_URL: sim.url }, 'skills');

    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CXONE_CLIENT_ID');
  });

  it('when the OAuth client may not write, then login exits 1 with the fix naming Agent-Write', async () => {
    const readonly = sim.clients.find((c) => c.clientId === 'agentstate-readonly')!;
    const r = await agentstate(
      { ...env, CXONE_CLIENT_ID: readonly.clientId, CXONE_CLIENT_SECRET: readonly.clientSecret },
      'login',
      loggedOut().id,
      '--skill',
      'Billing',
    );

    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Agent-Write');
  });

  it('when the command is unknown, then it exits 2 with a suggestion', async () => {
    const r = await agentstate(env, 'stauts', 'x');

    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean status\?/i);
  });

  it('when listing skills and searching agents, then ids and names are printed', async () => {
    const skills = await agentstate(env, 'skills');
    const agent = loggedOut();
    const agents = await agentstate(env, 'agents', '--search', agent.lastName, '--json');

    expect(skills.code).toBe(0);
    expect(skills.stdout).toContain(sim.tenant.skillByName('Billing')!.id);
    expect(JSON.parse(agents.stdout).agents.map((a: { id: string }) => a.id)).toContain(agent.id);
  });

  it('when logging out a logged-in agent, then the logout is verified', async () => {
    const agent = loggedOut();
    await control.setAgentStates(agent.id, [{ skillId: sim.tenant.skillByName('Billing')!.id }]);

    const r = await agentstate(env, 'logout', agent.id);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/logged out of Billing — verified/);
    expect(sim.tenant.visibleStates(agent.id)).toEqual([]);
  });

  it('when an agent was logged in from the terminal, then the audit trail shows who, what and the outcome', async () => {
    const agent = loggedOut();
    await agentstate(env, 'login', agent.id, '--skill', 'Billing');

    const r = await agentstate(env, 'audit', agent.id, '--json');

    expect(r.code).toBe(0);
    const [entry] = JSON.parse(r.stdout).entries;
    expect(entry).toMatchObject({
      action: 'login',
      agentId: agent.id,
      outcome: 'verified',
      target: 'Billing',
    });
    expect(entry.actor).toMatch(/^cli:/);
    expect(entry.verifyMs).toBeGreaterThan(0);
  });

  it('when another replica is already changing the agent, then login is refused naming who started it', async () => {
    const agent = loggedOut();
    const other = await openStore(env.DATABASE_URL!);
    const held = await other.operations.begin({
      agentId: agent.id,
      action: 'login',
      startedBy: 'U0SUPER1',
      owner: 'replica-2',
    });
    try {
      const r = await agentstate(env, 'login', agent.id, '--skill', 'Billing');

      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/already in progress, started by U0SUPER1 at \d\d:\d\d\n/);
      expect(await control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
    } finally {
      if (held.ok) await other.operations.complete(held.operation.id, 'ok');
      await other.close();
    }
  });

  it('when the database is unreachable, then status still answers and a login is refused naming DATABASE_URL', async () => {
    const broken = { ...env, DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' };
    const agent = loggedOut();

    const status = await agentstate(broken, 'status', agent.id);
    const login = await agentstate(broken, 'login', agent.id, '--skill', 'Billing');

    expect(status.code).toBe(0);
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('DATABASE_URL');
    expect(login.stderr).not.toContain('secret');
    expect(await control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
  });
});
