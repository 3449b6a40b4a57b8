import { runCli } from '../../../src/cli';
import { parseSimulatorDialect } from '../../../src/cli/commands/server';
import type { CliContext, SimulatorCommandOptions } from '../../../src/cli/context';

/** `agentstate simulator …` with a context that records what the command asked for instead of serving. */
async function simulatorCommand(...args: string[]) {
  let stderr = '';
  const started: SimulatorCommandOptions[] = [];
  const unused = () => Promise.reject(new Error('not used by this test'));
  const ctx: CliContext = {
    io: {
      stdout: { write: () => true, isTTY: false },
      stderr: {
        write: (s: string) => {
          stderr += s;
          return true;
        },
        isTTY: false,
      },
    },
    env: {},
    services: unused,
    serve: unused,
    dev: unused,
    simulator: async (opts) => {
      started.push(opts);
    },
  };
  const code = await runCli(['simulator', ...args], ctx);
  return { code, stderr, started };
}

describe('agentstate simulator --dialect', () => {
  it('starts the incontact dialect when asked, on the given port', async () => {
    const r = await simulatorCommand('--dialect', 'incontact', '--port', '4999');
    expect(r.code).toBe(0);
    expect(r.started).toEqual([expect.objectContaining({ dialect: 'incontact', port: 4999 })]);
  });

  it('keeps v2 as the default', async () => {
    const r = await simulatorCommand();
    expect(r.started).toEqual([expect.objectContaining({ dialect: 'v2' })]);
  });

  it('exits 2 with the allowed values for any other dialect, starting nothing', async () => {
    const r = await simulatorCommand('--dialect', 'genesys');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dialect must be v2 or incontact, got "genesys"');
    expect(r.started).toEqual([]);
    expect(() => parseSimulatorDialect('V2')).toThrow(/v2 or incontact/);
  });
});
