import { createInterface } from 'node:readline';
import { CliExit, type CliIo, ExitCode } from './io';

/**
 * Asks before a change, the same way for every command: a person at a terminal answers y/N (on stderr, so
 * `--json` keeps stdout to its one document); `--yes` answers for them; a script (stdin not a terminal)
 * is not asked and goes ahead. What a script must never do silently — drop a live contact — is refused
 * by the use case itself unless `--force` is given, before this question is reached.
 *
 * Returns when the change may go ahead; a "no" (or the input closing) ends the command, nothing sent.
 */
export async function confirmOrExit(io: CliIo, question: string, opts: { yes?: boolean }): Promise<void> {
  if (opts.yes || !io.stdin?.isTTY) return;
  io.stderr.write(`${question} [y/N] `);
  const answer = await readLine(io.stdin);
  if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) return;
  if (answer === undefined) io.stderr.write('\n');
  throw new CliExit(ExitCode.failed, 'cancelled; nothing was sent', { errorCode: 'cancelled' });
}

/** Whether a person is there to be asked (and has not said `--yes` already). */
export function willAsk(io: CliIo, opts: { yes?: boolean }): boolean {
  return !opts.yes && Boolean(io.stdin?.isTTY);
}

/** One line from the terminal, or undefined when the input ends first (Ctrl-D). */
function readLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      resolve(line);
      rl.close();
    });
    rl.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}
