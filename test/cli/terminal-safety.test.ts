import { runCli } from '../../src/cli';
import { rewriteLine, safeIo, terminalSafe } from '../../src/cli/io';
import { createCliContext } from '../../src/main';
import { type RunningSimulator, startSimulator } from '../../src/simulator';

/** What a hostile or broken tenant can put in a name: each of these acts on a terminal when printed raw. */
const HOSTILE = {
  title: '\x1b]0;owned\x07', // sets the window title
  clear: '\x1b[2J\x1b[H', // clears the screen, cursor home
  erase: '\r\x1b[1A\x1b[2K', // back to the line above and erase it: rewrites what was shown
  csi8bit: '\u009b31m', // a one-character CSI (C1)
  bidi: '\u202e\u2066', // right-to-left override, isolate
  bell: '\x07',
};
const INJECTED = Object.values(HOSTILE).join('');
/** Any of the characters the CLI must never print. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

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

describe('terminalSafe', () => {
  it('removes escape sequences, control and bidi characters, and keeps text, tabs and line breaks', () => {
    expect(terminalSafe(`Jane${INJECTED} Doe\tSales\nnext`)).toBe('Jane31m Doe\tSales\nnext');
    expect(terminalSafe('\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\')).toBe('click');
  });
});

describe('the progress line on a terminal', () => {
  it("keeps the app's own line rewriting, and strips what a name brings", () => {
    let written = '';
    const io = safeIo({
      stdout: { write: () => true },
      stderr: { write: (s: string) => (written += s), isTTY: true },
    });

    rewriteLine(io.stderr, `Logging in to Sales${HOSTILE.clear}…`);

    expect(written).toBe('\r\x1b[2KLogging in to Sales…');
  });
});

describe('the CLI printing names from CXone', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  let agentId: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 0 });
    const agent = sim.tenant.agents.find((a) => a.isActive)!;
    agentId = agent.id;
    (agent as { firstName: string }).firstName = `Jane${INJECTED}`;
    (sim.tenant.skills[0] as { name: string }).name = `Sales${INJECTED}\n✓ forged line`;
    env = {
      CXONE_BASE_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      DATABASE_URL: 'sqlite::memory:',
    };
  });
  afterAll(() => sim.close());

  it('when a name carries escape sequences and bidi overrides, then status prints the name without them', async () => {
    const r = await agentstate(env, 'status', agentId);

    expect(r.stdout).toContain('Jane31m');
    expect(r.stdout + r.stderr).not.toMatch(UNSAFE);
  });

  it('when a skill name holds a line break, then the skills table keeps it on its row', async () => {
    const r = await agentstate(env, 'skills');

    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(r.stdout.split('\n').find((line) => line.includes('forged line'))).toMatch(
      /Sales31m ✓ forged line/,
    );
    expect(r.stdout).not.toMatch(/^✓ forged line/m);
  });

  it('when asked for JSON, then the data is whole and escaped, and nothing unsafe is printed', async () => {
    const r = await agentstate(env, 'skills', '--json');

    expect(r.stdout).not.toMatch(UNSAFE);
    const names = (JSON.parse(r.stdout) as { skills: { name: string }[] }).skills.map((s) => s.name);
    expect(names).toContain(`Sales${INJECTED}\n✓ forged line`);
  });
});
