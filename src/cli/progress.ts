import type { ChangeKind, ChangeProgress } from '../agentstate/sessions';
import type { LoginProgress } from '../agentstate/types';
import { formatDuration } from './format';
import { type CliIo, clearLine, rewriteLine } from './io';

/**
 * A live progress line on stderr while a login is verified. On a terminal the line is rewritten in place;
 * in a pipe or CI log each phase is printed once and polling at most once a second, so logs stay short.
 */
export function createProgressLine(io: CliIo): { onProgress(e: LoginProgress): void; done(): void } {
  const { show, polling, done } = progressWriter(io);
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
          return polling(
            e.elapsedMs,
            `Verifying… check ${e.attempt}, ${formatDuration(e.elapsedMs)} of ${formatDuration(e.timeoutMs)}`,
          );
        case 'verified':
          return show(`State visible after ${formatDuration(e.elapsedMs)}`);
      }
    },
    done,
  };
}

/** The same line for the session model's changes, naming the step being verified. */
export function createSessionProgressLine(io: CliIo): { onProgress(e: ChangeProgress): void; done(): void } {
  const { show, polling, done } = progressWriter(io);
  const posting: Record<ChangeKind, string> = {
    available: 'Making available…',
    unavailable: 'Setting unavailable…',
    logout: 'Logging out…',
    login: 'Making available…',
  };
  return {
    onProgress(e) {
      switch (e.type) {
        case 'checking':
          return show('Checking current state…');
        case 'starting_session':
          return show('Starting a session as the agent…');
        case 'posting':
          return show(posting[e.change]);
        case 'polling':
          return polling(
            e.elapsedMs,
            `Verifying (${e.phase})… ${formatDuration(e.elapsedMs)} of ${formatDuration(e.timeoutMs)}`,
          );
        case 'verified':
          return show(`State visible after ${formatDuration(e.elapsedMs)}`);
      }
    },
    done,
  };
}

/**
 * On a terminal the line is rewritten in place; in a pipe or CI log each phase is printed once and polling
 * at most once a second, so logs stay short.
 */
export function progressWriter(io: CliIo) {
  const tty = Boolean(io.stderr.isTTY);
  let lastPrinted = -Infinity;
  let open = false;
  const show = (text: string) => {
    if (tty) {
      rewriteLine(io.stderr, text);
      open = true;
    } else {
      io.stderr.write(`${text}\n`);
    }
  };
  return {
    show,
    polling(elapsedMs: number, text: string) {
      if (!tty && elapsedMs - lastPrinted < 1000) return;
      lastPrinted = elapsedMs;
      show(text);
    },
    done() {
      if (open) clearLine(io.stderr);
      open = false;
    },
  };
}
