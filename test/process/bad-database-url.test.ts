import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');
/** Generous: start-up takes a second or two; the old behaviour never ended at all. */
const LIMIT_MS = 15_000;

/** Runs `agentstate serve` and returns its exit code and output, or `timedOut` when it had to be killed. */
function serve(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: npm test builds it first (pretest), or run npm run build`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut: signal === 'SIGKILL' });
    });
  });
}

(process.platform === 'linux' ? describe : describe.skip)(
  'agentstate serve with an unusable DATABASE_URL',
  () => {
    it(
      'when the SQLite directory cannot be created (under /proc), then it exits 1 at once naming DATABASE_URL',
      async () => {
        const result = await serve({
          SLACK_BOT_TOKEN: 'xoxb-process-test',
          SLACK_SIGNING_SECRET: 'process-test-secret',
          CXONE_SIMULATOR: '1',
          PORT: '0',
          DATABASE_URL: 'sqlite:/proc/agentstate-test/data/app.db',
        });

        expect(result.timedOut).toBe(false);
        expect(result.code).toBe(1);
        expect(result.output).toContain('DATABASE_URL (sqlite:/proc/agentstate-test/data/app.db)');
      },
      2 * LIMIT_MS,
    );
  },
);
