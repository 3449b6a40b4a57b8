import { runCli } from '../../src/cli';
import { createCliContext } from '../../src/main';

/**
 * Runs `agentstate …` in-process through the real composition root, as a user at a terminal (not a TTY)
 * would, and returns the exit code and what was printed.
 */
export async function agentstate(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  };
  const code = await runCli(argv, createCliContext(env, io));
  return { code, stdout, stderr };
}
