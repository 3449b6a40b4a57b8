import type { LoginProgress } from '../agentstate/types';
import { formatDuration } from './format';
import type { CliIo } from './io';

/**
 * A live progress line on stderr while a login is verified. On a terminal the line is rewritten in place;
 * in a pipe or CI log each phase is printed once and polling at most once a second, so logs stay short.
 */
export function createProgressLine(io: CliIo): { onProgress(e: LoginProgress): void; done(): void } {
  const tty = Boolean(io.stderr.isTTY);
  let lastPrinted = -Infinity;
  let open = false;

  const show = (text: string) => {
    if (tty) {
      io.stderr.write(`\r\x1b[2K${text}`);
      open = true;
    } else {
      io.stderr.write(`${text}\n`);
    }
  };

  return {
    onProgress(e) {
      switch (e.type) {
        case 'checking':
          return show('Checking current state…');
        case 'logging_out':
          return show(`Logging out of ${e.skillName}…`);
        case 'posting':
          return show(`Logging in to ${e.target.skill.name} as ${e.target.activity.name}…`);
        case 'posted':
          return show('Login accepted by CXone; verifying…');
        case 'polling':
          if (!tty && e.elapsedMs - lastPrinted < 1000) return;
          lastPrinted = e.elapsedMs;
          return show(
            `Verifying… check ${e.attempt}, ${formatDuration(e.elapsedMs)} of ${formatDuration(e.timeoutMs)}`,
          );
        case 'verified':
          return show(`State visible after ${formatDuration(e.elapsedMs)}`);
      }
    },
    done() {
      if (open) io.stderr.write('\r\x1b[2K');
      open = false;
    },
  };
}
