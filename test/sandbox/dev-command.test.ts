import { runCli } from '../../src/cli';
import type { CliContext, DevCommandOptions } from '../../src/cli/context';

/** `agentstate dev …` with a context that records what the command asked for instead of serving. */
async function devCommand(...args: string[]) {
  let stderr = '';
  const started: DevCommandOptions[] = [];
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
    simulator: unused,
    dev: async (opts) => {
      started.push(opts);
    },
  };
  const code = await runCli(['dev', ...args], ctx);
  return { code, stderr, started };
}

describe('agentstate dev --dialect', () => {
  it('keeps the tutorial’s API (v2) as the default, without impersonation', async () => {
    const r = await devCommand();
    expect(r.code).toBe(0);
    expect(r.started).toEqual([{ port: 3030, dialect: 'v2', impersonation: false }]);
  });

  it('runs a real tenant’s API (incontact) when asked, with impersonation only when asked', async () => {
    expect((await devCommand('--dialect', 'incontact', '--port', '4000')).started).toEqual([
      { port: 4000, dialect: 'incontact', impersonation: false },
    ]);
    expect((await devCommand('--dialect', 'incontact', '--impersonation')).started).toEqual([
      { port: 3030, dialect: 'incontact', impersonation: true },
    ]);
  });

  it('exits 2 with the allowed values for any other dialect, starting nothing', async () => {
    const r = await devCommand('--dialect', 'genesys');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dialect must be v2 or incontact, got "genesys"');
    expect(r.started).toEqual([]);
  });

  it('exits 2 for --impersonation on the tutorial’s API, which has no sessions to start', async () => {
    const r = await devCommand('--impersonation');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--impersonation needs --dialect incontact');
    expect(r.started).toEqual([]);
  });
});
