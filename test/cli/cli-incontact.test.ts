import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningIncontactSimulator, startSimulator } from '../../src/simulator';
import {
  createIncontactControl,
  type IncontactSimulatorControl,
} from '../../src/simulator/incontact/control';
import { agentstate } from './run-cli';

describe('agentstate CLI against a real-tenant API (incontact simulator)', () => {
  let sim: RunningIncontactSimulator;
  let control: IncontactSimulatorControl;
  let env: Record<string, string>;
  const demo = (role: Parameters<RunningIncontactSimulator['tenant']['demoAgent']>[0]) =>
    String(sim.tenant.demoAgent(role).agentId);
  const posts = async (endpoint: string) => control.count(endpoint);

  beforeAll(async () => {
    sim = await startSimulator({ dialect: 'incontact', port: 0, propagationDelayMs: 300 });
    control = createIncontactControl(sim.url);
    env = {
      CXONE_DIALECT: 'incontact',
      CXONE_AUTH_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
      CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
      VERIFY_TIMEOUT_MS: '8000',
      DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-ic-')), 'cli.db')}`,
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset({ propagationDelayMs: 300 }));

  it('doctor: every check green against a correctly configured tenant, and no /api/v2 call', async () => {
    const r = await agentstate(env, 'doctor');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ Sign-in/);
    expect(r.stdout).toMatch(/✓ One agent's state history/);
    expect(r.stdout).not.toContain('✗');
    expect(Object.keys((await control.counts()).byEndpoint).some((e) => e.includes('/api/v2'))).toBe(false);
  });

  it('doctor: discovery and token happen once for the whole run', async () => {
    await agentstate(env, 'doctor');
    expect(await control.count('GET /.well-known/openid-configuration')).toBe(1);
    expect(await control.count('POST /auth/token')).toBe(1);
  });

  it('doctor: a wrong access key fails at sign-in with the fix naming the variables, and no secret is printed', async () => {
    const r = await agentstate({ ...env, CXONE_ACCESS_KEY_SECRET: 'not-the-secret' }, 'doctor');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Sign-in/);
    expect(r.stdout).toMatch(/CXONE_ACCESS_KEY/);
    expect(r.stdout + r.stderr).not.toContain('not-the-secret');
  });

  it('status of an unavailable agent: state with its reason, team, and why', async () => {
    const r = await agentstate(env, 'status', demo('unavailable'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/State: +Unavailable \(Lunch\)/);
    expect(r.stdout).toMatch(/take no contacts/);
  });

  it('status --json of nobody: one failure document, not_found (exit 1)', async () => {
    const r = await agentstate(env, 'status', 'zzzz', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'not_found', query: 'zzzz' } });
  });

  it('status --json of a name several agents share: one document, the candidates as data (exit 2)', async () => {
    const r = await agentstate(env, 'status', 'a', '--json');
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error).toMatchObject({ code: 'ambiguous', query: 'a' });
    expect(error.candidates.length).toBeGreaterThan(1);
  });

  it('status of an agent on a contact: the logout it offers carries --force', async () => {
    const r = await agentstate(env, 'status', demo('onContact'));
    expect(r.stdout).toContain(`agentstate logout ${demo('onContact')} --force`);
  });

  it('history of a logged-out agent: when and where they logged out', async () => {
    const r = await agentstate(env, 'history', demo('loggedOut'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/last logged out at \d\d:\d\d at Desk/);
  });

  it('unavailable --reason Lunch, then available, each verified with a 3 s propagation delay', async () => {
    await control.reset({ propagationDelayMs: 3000 });
    const agent = demo('available');
    const off = await agentstate(env, 'unavailable', agent, '--reason', 'lunch');
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/is now Unavailable \(Lunch\) — verified in [3-4]\.\d s/);
    const on = await agentstate(env, 'available', agent);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/is now Available — verified in/);
    expect(await posts('POST /agents/{agentId}/state')).toBe(2);
  });

  it('an unknown reason with --json: the valid reasons are data', async () => {
    const r = await agentstate(env, 'unavailable', demo('available'), '--reason', 'Nap', '--json');
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error).toMatchObject({ code: 'invalid_reason', value: 'Nap' });
    expect(error.choices.map((c: { name: string }) => c.name)).toContain('Lunch');
    expect(error.message).not.toContain('\n');
  });

  it('an unknown reason lists the valid ones, exits 2 and sends nothing', async () => {
    const r = await agentstate(env, 'unavailable', demo('available'), '--reason', 'Nap');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Lunch/);
    expect(await posts('POST /agents/{agentId}/state')).toBe(0);
  });

  it('logout of an agent on a contact is refused without --force, and verified with it', async () => {
    const agent = demo('onContact');
    const refused = await agentstate(env, 'logout', agent);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/drops that contact/);
    expect(await posts('POST /agents/{agentId}/logout')).toBe(0);
    const forced = await agentstate(env, 'logout', agent, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/is now Logged out — verified/);
    expect(await posts('POST /agents/{agentId}/logout')).toBe(1);
  });

  it('login of a logged-out agent without impersonation explains who can log in, and sends nothing', async () => {
    const r = await agentstate(env, 'login', demo('loggedOut'));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/only the agent can start a CXone session/);
    expect(await posts('POST /agent-sessions')).toBe(0);
  });

  it('login with impersonation: one session started as the agent, then Available, verified', async () => {
    const agent = demo('loggedOut');
    const r = await agentstate({ ...env, CXONE_IMPERSONATION: '1' }, 'login', agent);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is logged in: Available — verified/);
    expect(await posts('POST /agent-sessions')).toBe(1);
    expect(sim.tenant.visibleState(Number(agent)).state).toBe('Available');
  });

  it('login with impersonation by an access key that may not impersonate: the 403 is explained', async () => {
    const key = sim.accessKeys.find(
      (k) => k.permissions.includes('Agents: Edit') && !k.permissions.includes('Agents: Impersonate'),
    )!;
    const r = await agentstate(
      {
        ...env,
        CXONE_IMPERSONATION: '1',
        CXONE_ACCESS_KEY_ID: key.accessKeyId,
        CXONE_ACCESS_KEY_SECRET: key.accessKeySecret,
      },
      'login',
      demo('loggedOut'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/impersonat/i);
    expect(r.stderr).toMatch(/CXONE_IMPERSONATION/);
  });

  it('available and history are audited; the audit names the agent', async () => {
    await agentstate(env, 'available', demo('loggedInNoState'));
    const r = await agentstate(env, 'audit', '--json');
    const entries = JSON.parse(r.stdout).entries as Array<{
      action: string;
      outcome: string;
      agentName: string;
    }>;
    expect(entries[0]).toMatchObject({ action: 'available', outcome: 'verified' });
  });

  it('a reference that is no id, email or name exits 2 and makes no call', async () => {
    const r = await agentstate(env, 'status', '#$%');
    expect(r.code).toBe(2);
    expect((await control.counts()).total).toBe(0);
  });

  it('floor of a team: one line per group; --fix make-available --dry-run sends nothing', async () => {
    const team = sim.tenant.demoAgent('unavailable').teamId;
    const teamName = sim.tenant.catalog.teamById.get(team)!.teamName;
    const r = await agentstate(env, 'floor', teamName);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${teamName} — \\d+ agents`));
    const dry = await agentstate(env, 'floor', teamName, '--fix', 'make-available', '--dry-run');
    expect(dry.code).toBe(0);
    expect(await posts('POST /agents/{agentId}/state')).toBe(0);
  });
});

describe('agentstate unavailable with an unknown reason', () => {
  it('is not audited: nothing was sent', async () => {
    const sim = await startSimulator({ dialect: 'incontact', port: 0 });
    try {
      const env = {
        CXONE_DIALECT: 'incontact',
        CXONE_AUTH_URL: sim.url,
        CXONE_CLIENT_ID: sim.demo.clientId,
        CXONE_CLIENT_SECRET: sim.demo.clientSecret,
        CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
        CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
        DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-ic-')), 'cli.db')}`,
      };
      const r = await agentstate(
        env,
        'unavailable',
        String(sim.tenant.demoAgent('available').agentId),
        '--reason',
        'Nap',
      );
      expect(r.code).toBe(2);
      const audit = JSON.parse((await agentstate(env, 'audit', '--json')).stdout) as { entries: unknown[] };
      expect(audit.entries).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
