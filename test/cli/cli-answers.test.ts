import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { formatLocalTime } from '../../src/cli/format';
import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import { agentstate } from './run-cli';

/**
 * What the CLI answers when something is not right — an unknown or ambiguous agent, a configuration with
 * several problems, a count of 0, a search that finds nobody, a busy port, a login without a skill — and how
 * it shows times. One JSON document per run with `--json`, whatever happens.
 */
/** Parses stdout as exactly one JSON document (JSON.parse fails on two). */
function oneDocument(stdout: string) {
  return JSON.parse(stdout);
}

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('agentstate CLI answers (v2 dialect)', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let env: Record<string, string>;
  const loggedOut = () =>
    sim.tenant.agents.find((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0)!;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 100 });
    control = createSimulatorControl(sim.url);
    env = {
      CXONE_BASE_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      VERIFY_TIMEOUT_MS: '5000',
      DATABASE_URL: `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-answers-')), 'cli.db')}`,
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset());

  describe('one JSON document per run', () => {
    it('when status --json names nobody, then one failure document says not_found (exit 1)', async () => {
      const r = await agentstate(env, 'status', 'zzzz', '--json');

      expect(r.code).toBe(1);
      expect(oneDocument(r.stdout)).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'no agent matches "zzzz"', query: 'zzzz' },
      });
    });

    it('when status --json matches several agents, then the candidates are data, not prose (exit 2)', async () => {
      const r = await agentstate(env, 'status', 'an', '--json');

      expect(r.code).toBe(2);
      const doc = oneDocument(r.stdout);
      expect(doc).toMatchObject({ ok: false, error: { code: 'ambiguous', query: 'an' } });
      expect(doc.error.total).toBeGreaterThan(doc.error.candidates.length - 1);
      expect(doc.error.candidates[0]).toEqual(
        expect.objectContaining({ id: expect.any(String), email: expect.any(String) }),
      );
      expect(doc.error.message).not.toContain('\n');
    });

    it('when status matches several agents at a terminal, then each candidate has a line of its own', async () => {
      const r = await agentstate(env, 'status', 'an');

      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^agentstate: "an" matches \d+ agents$/);
      expect(lines[1]).toMatch(/^ {2}\S.* <\S+@\S+> [0-9a-f-]{36}/);
    });

    it('when an option is unknown with --json, then the usage error is the one document (exit 2)', async () => {
      const r = await agentstate(env, 'skills', '--jsn', '--json');

      expect(r.code).toBe(2);
      expect(oneDocument(r.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });
    });

    it('when the skill is unknown with --json, then the valid choices are data', async () => {
      const r = await agentstate(env, 'login', loggedOut().id, '--skill', 'Nonexistent', '--json');

      expect(r.code).toBe(2);
      const doc = oneDocument(r.stdout);
      expect(doc.error).toMatchObject({ code: 'invalid_target', field: 'skill', value: 'Nonexistent' });
      expect(doc.error.choices.map((c: { name: string }) => c.name)).toContain('Billing');
    });
  });

  describe('configuration', () => {
    it('when every credential is missing, then all are named at once, one per line (exit 2)', async () => {
      const r = await agentstate({}, 'skills');

      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')).toEqual([
        'agentstate: invalid configuration: 3 problems',
        '  CXONE_BASE_URL: is required for the v2 dialect',
        '  CXONE_CLIENT_ID: is required for the v2 dialect',
        '  CXONE_CLIENT_SECRET: is required for the v2 dialect',
        'Or set CXONE_SIMULATOR=1 to use the built-in CXone simulator instead.',
        '',
      ]);
    });

    it('when a value is invalid and credentials are missing, then JSON lists every problem as data', async () => {
      const r = await agentstate(
        { VERIFY_TIMEOUT_MS: 'abc', CXONE_DIALECT: 'incontact' },
        'skills',
        '--json',
      );

      expect(r.code).toBe(2);
      const { error } = oneDocument(r.stdout);
      expect(error.code).toBe('config');
      expect(error.problems.map((p: { variable: string }) => p.variable)).toEqual([
        'VERIFY_TIMEOUT_MS',
        'CXONE_ACCESS_KEY_ID',
        'CXONE_ACCESS_KEY_SECRET',
        'CXONE_CLIENT_ID',
        'CXONE_CLIENT_SECRET',
      ]);
    });

    it('when VERIFY_TIMEOUT_MS is not a number, then it says what is expected in words', async () => {
      const r = await agentstate({ ...env, VERIFY_TIMEOUT_MS: 'abc' }, 'skills');

      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'agentstate: invalid configuration: VERIFY_TIMEOUT_MS: must be a whole number of milliseconds\n',
      );
    });

    it('when doctor finds several configuration problems, then each is on a line of its own', async () => {
      const r = await agentstate({ CXONE_DIALECT: 'incontact' }, 'doctor');

      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/✗ Configuration: 4 problems\n {4}CXONE_ACCESS_KEY_ID: is required/);
      expect(r.stdout).toMatch(/\n {4}CXONE_CLIENT_SECRET: is required for the incontact dialect\n/);
    });
  });

  describe('agents', () => {
    it('when --limit is 0, then it is refused naming the option, before any CXone call (exit 2)', async () => {
      const r = await agentstate(env, 'agents', '--limit', '0');

      expect(r.code).toBe(2);
      expect(r.stderr).toBe('agentstate: --limit must be a whole number of at least 1, got "0"\n');
      expect((await control.counts()).total).toBe(0);
    });

    it('when a search finds nobody, then it says so instead of printing an empty table (exit 0)', async () => {
      const r = await agentstate(env, 'agents', '--search', 'zzz');

      expect(r.code).toBe(0);
      expect(r.stdout).toBe('No agents match "zzz".\n');
    });
  });

  describe('login without a skill', () => {
    it('when several skills are active and none is configured, then it asks for --skill listing them, and sends nothing (exit 2)', async () => {
      const r = await agentstate(env, 'login', loggedOut().id);

      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/say which skill .* with --skill/);
      for (const name of ['Billing', 'Sales EN', 'Support Tier 1']) expect(r.stderr).toContain(name);
      expect(await control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
    });

    it('when asked for JSON, then the active skills are the choices', async () => {
      const r = await agentstate(env, 'login', loggedOut().id, '--json');

      const { error } = oneDocument(r.stdout);
      expect(error.code).toBe('skill_required');
      expect(error.choices).toContainEqual({ id: sim.tenant.skillByName('Billing')!.id, name: 'Billing' });
    });

    it('when CXONE_DEFAULT_SKILL_ID is set, then login uses it without asking', async () => {
      const billing = sim.tenant.skillByName('Billing')!.id;
      const r = await agentstate({ ...env, CXONE_DEFAULT_SKILL_ID: billing }, 'login', loggedOut().id);

      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/logged in to Billing/);
    });
  });

  describe('times', () => {
    it('when showing a logged-in agent, then since and checked are local clock times; JSON keeps ISO', async () => {
      const agent = loggedOut();
      const [state] = await control.setAgentStates(agent.id, [
        { skillId: sim.tenant.skillByName('Billing')!.id },
      ]);
      const loginTime = new Date(state!.loginTime);

      const text = await agentstate(env, 'status', agent.id);
      const json = await agentstate(env, 'status', agent.id, '--json');

      expect(text.stdout).not.toMatch(ISO);
      expect(text.stdout).toContain(formatLocalTime(loginTime));
      expect(text.stdout).toMatch(/checked at \d\d:\d\d/);
      expect(oneDocument(json.stdout).states[0].since).toMatch(ISO);
    });

    it('when diagnosing, then no raw ISO time is shown', async () => {
      const r = await agentstate(env, 'diagnose', loggedOut().id);

      expect(r.stdout).toContain('✓ OAuth token obtainable');
      expect(r.stdout).not.toMatch(ISO);
    });

    it('when reading the audit trail, then WHEN is a local time; JSON keeps ISO', async () => {
      await agentstate(env, 'login', loggedOut().id, '--skill', 'Billing');

      const text = await agentstate(env, 'audit', '--limit', '1');
      const json = await agentstate(env, 'audit', '--limit', '1', '--json');

      expect(text.stdout).not.toMatch(ISO);
      const at = new Date(oneDocument(json.stdout).entries[0].at);
      expect(text.stdout.split('\n')[2]).toMatch(new RegExp(`^${formatLocalTime(at)} `));
    });
  });
});

describe('agentstate simulator on a busy port', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('when the port is taken, then it says so and how to pick another, like dev does (exit 2)', async () => {
    const r = await agentstate({}, 'simulator', '--port', String(port));

    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `agentstate: port ${port} is in use; pick another with --port (0 = any free port)\n`,
    );
  });
});
