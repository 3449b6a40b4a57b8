import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli';
import { createCliContext } from '../../src/main';
import { type RunningIncontactSimulator, type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import {
  createIncontactControl,
  type IncontactSimulatorControl,
} from '../../src/simulator/incontact/control';

/**
 * Confirmations: at a terminal the CLI asks before a logout and before a v2 skill switch (`--yes` answers
 * for the user); a script (stdin not a terminal) is not asked and goes ahead — but dropping a live contact
 * always needs `--force`.
 */

/** `agentstate …` with a terminal that answers `typed` to a prompt, or a script's stdin (no terminal). */
async function agentstate(
  env: Record<string, string>,
  stdin: { tty: true; typed: string } | { tty: false },
  ...argv: string[]
) {
  let stdout = '';
  let stderr = '';
  const input = Object.assign(Readable.from(stdin.tty ? [stdin.typed] : []), { isTTY: stdin.tty });
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: stdin.tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: stdin.tty },
    stdin: input,
  };
  const code = await runCli(argv, createCliContext(env, io));
  return { code, stdout, stderr };
}

const terminal = (typed: string) => ({ tty: true, typed }) as const;
const script = { tty: false } as const;
const tempDb = (prefix: string) =>
  `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), prefix)), 'cli.db')}`;

describe('confirmations (v2 dialect)', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let env: Record<string, string>;
  const DELETE = 'DELETE /api/v2/agents/{agentId}/states/{stateId}';
  const POST = 'POST /api/v2/agents/{agentId}/states';
  const loggedOut = () =>
    sim.tenant.agents.find((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0)!;
  const inBilling = async () => {
    const agent = loggedOut();
    await control.setAgentStates(agent.id, [{ skillId: sim.tenant.skillByName('Billing')!.id }]);
    return agent;
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 100 });
    control = createSimulatorControl(sim.url);
    env = {
      CXONE_BASE_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      VERIFY_TIMEOUT_MS: '5000',
      DATABASE_URL: tempDb('agentstate-confirm-'),
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset());

  it('when logout is answered "n" at a terminal, then nothing is sent and it exits 1', async () => {
    const agent = await inBilling();

    const r = await agentstate(env, terminal('n\n'), 'logout', agent.id);

    expect(r.stderr).toContain(`Log ${agent.firstName} ${agent.lastName} out of Billing? [y/N] `);
    expect(r.stderr).toContain('cancelled; nothing was sent');
    expect(r.code).toBe(1);
    expect(await control.count(DELETE)).toBe(0);
    expect(sim.tenant.visibleStates(agent.id)).toHaveLength(1);
  });

  it('when logout is answered "y" at a terminal, then the logout is sent and verified', async () => {
    const agent = await inBilling();

    const r = await agentstate(env, terminal('y\n'), 'logout', agent.id);

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/logged out of Billing — verified/);
    expect(sim.tenant.visibleStates(agent.id)).toEqual([]);
  });

  it('when the terminal input ends without an answer, then it is a no', async () => {
    const agent = await inBilling();

    const r = await agentstate(env, terminal(''), 'logout', agent.id);

    expect(r.code).toBe(1);
    expect(await control.count(DELETE)).toBe(0);
  });

  it('when --yes is given at a terminal, then nobody is asked', async () => {
    const agent = await inBilling();

    const r = await agentstate(env, terminal('n\n'), 'logout', agent.id, '--yes');

    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[y/N]');
    expect(await control.count(DELETE)).toBe(1);
  });

  it('when a script (no terminal) logs out, then it is not asked and proceeds', async () => {
    const agent = await inBilling();

    const r = await agentstate(env, script, 'logout', agent.id);

    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[y/N]');
    expect(sim.tenant.visibleStates(agent.id)).toEqual([]);
  });

  it('when the agent is not logged in, then nobody is asked and it says there is nothing to do', async () => {
    const r = await agentstate(env, terminal('n\n'), 'logout', loggedOut().id);

    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[y/N]');
    expect(r.stdout).toMatch(/not logged in; nothing to do/);
  });

  describe('a login to a skill that conflicts with the current one', () => {
    let agentId: string;
    beforeEach(async () => {
      // The simulator's conflict group: an agent in Sales EN cannot also be in Sales ES (409).
      const agent = loggedOut();
      agentId = agent.id;
      await control.setAgentStates(agent.id, [{ skillId: sim.tenant.skillByName('Sales EN')!.id }]);
    });

    it('when the switch is answered "y" at a terminal, then it switches, verifies and audits a switch from Sales EN', async () => {
      const r = await agentstate(env, terminal('y\n'), 'login', agentId, '--skill', 'Sales ES');

      expect(r.stderr).toMatch(
        /which conflicts with Sales ES\. Switch from Sales EN to Sales ES\? \[y\/N\] /,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Logged out of Sales EN\.\n.*logged in to Sales ES as Available — verified/);
      expect(sim.tenant.visibleStates(agentId).map((s) => s.skillId)).toEqual([
        sim.tenant.skillByName('Sales ES')!.id,
      ]);
      const audit = await agentstate(env, script, 'audit', agentId, '--json');
      expect(JSON.parse(audit.stdout).entries[0]).toMatchObject({
        action: 'switch',
        target: 'Sales ES',
        outcome: 'verified',
        detail: 'from Sales EN',
      });
    });

    it('when the switch is answered "n", then the agent stays in Sales EN and it exits 1', async () => {
      const r = await agentstate(env, terminal('n\n'), 'login', agentId, '--skill', 'Sales ES');

      expect(r.code).toBe(1);
      expect(await control.count(DELETE)).toBe(0);
      expect(sim.tenant.visibleStates(agentId).map((s) => s.skillId)).toEqual([
        sim.tenant.skillByName('Sales EN')!.id,
      ]);
    });

    it('when a script logs in with --json, then it switches without asking and says where from', async () => {
      const r = await agentstate(env, script, 'login', agentId, '--skill', 'Sales ES', '--json');

      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: true,
        kind: 'verified',
        switchedFrom: { name: 'Sales EN' },
      });
      expect(await control.count(POST)).toBe(2);
    });
  });
});

describe('confirmations (incontact dialect)', () => {
  let sim: RunningIncontactSimulator;
  let control: IncontactSimulatorControl;
  let env: Record<string, string>;
  const LOGOUT = 'POST /agents/{agentId}/logout';
  const demo = (role: Parameters<RunningIncontactSimulator['tenant']['demoAgent']>[0]) =>
    String(sim.tenant.demoAgent(role).agentId);

  beforeAll(async () => {
    sim = await startSimulator({ dialect: 'incontact', port: 0, propagationDelayMs: 100 });
    control = createIncontactControl(sim.url);
    env = {
      CXONE_DIALECT: 'incontact',
      CXONE_AUTH_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
      CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
      VERIFY_TIMEOUT_MS: '5000',
      DATABASE_URL: tempDb('agentstate-confirm-ic-'),
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset({ propagationDelayMs: 100 }));

  it('when logout of an available agent is answered "n" at a terminal, then nothing is sent (exit 1)', async () => {
    const r = await agentstate(env, terminal('n\n'), 'logout', demo('available'));

    expect(r.stderr).toContain('Log Maria Garcia out of CXone, ending their session? [y/N] ');
    expect(r.code).toBe(1);
    expect(await control.count(LOGOUT)).toBe(0);
  });

  it('when it is answered "y", then the logout is sent and verified', async () => {
    const r = await agentstate(env, terminal('y\n'), 'logout', demo('available'));

    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is now Logged out — verified/);
  });

  it('when a script logs out an available agent, then it is not asked and proceeds', async () => {
    const r = await agentstate(env, script, 'logout', demo('available'));

    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('[y/N]');
    expect(await control.count(LOGOUT)).toBe(1);
  });

  it('when the agent is on a contact, then a script without --force is refused naming --force, and nothing is sent', async () => {
    const r = await agentstate(env, script, 'logout', demo('onContact'));

    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/drops that contact/);
    expect(r.stdout).toContain(`agentstate logout ${demo('onContact')} --force`);
    expect(await control.count(LOGOUT)).toBe(0);
  });

  it('when the agent is on a contact, then --yes alone does not drop it', async () => {
    const r = await agentstate(env, terminal('y\n'), 'logout', demo('onContact'), '--yes');

    expect(r.code).toBe(2);
    expect(await control.count(LOGOUT)).toBe(0);
  });

  it('when the agent is on a contact and --force is given at a terminal, then the question says the contact is dropped', async () => {
    const refused = await agentstate(env, terminal('n\n'), 'logout', demo('onContact'), '--force');
    expect(refused.stderr).toMatch(/on a contact \(\d+\), which will be dropped\. \[y\/N\] /);
    expect(refused.code).toBe(1);
    expect(await control.count(LOGOUT)).toBe(0);

    const forced = await agentstate(env, terminal('y\n'), 'logout', demo('onContact'), '--force');
    expect(forced.code).toBe(0);
    expect(await control.count(LOGOUT)).toBe(1);
  });
});
