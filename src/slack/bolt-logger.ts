import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Bolt (and the WebClient it builds) want `@slack/logger`'s interface: variadic string-ish messages plus
 * `setLevel/getLevel/setName`. This adapter writes them to a pino child so Bolt's lines share our
 * structure and redaction. Bolt calls `setLevel` when the App's `logLevel` differs from ours, so the
 * composition root passes `boltLogLevel(config.logLevel)` to keep LOG_LEVEL authoritative.
 */

const toPino: Record<LogLevel, string> = {
  [LogLevel.ERROR]: 'error',
  [LogLevel.WARN]: 'warn',
  [LogLevel.INFO]: 'info',
  [LogLevel.DEBUG]: 'debug',
};

/** Maps a pino level name to the nearest Bolt level (Bolt has no fatal/trace/silent). */
export function boltLogLevel(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

type Method = 'debug' | 'info' | 'warn' | 'error';

/** Slack tokens have recognisable prefixes; scrub them from free text that pino's redact cannot see. */
const SLACK_TOKEN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

function scrub(text: string): string {
  return text.replace(SLACK_TOKEN, '[redacted]');
}

function write(logger: Logger, method: Method, args: unknown[]): void {
  const err = args.find((a): a is Error => a instanceof Error);
  const objects = args.filter((a): a is object => a !== err && typeof a === 'object' && a !== null);
  const text = args
    .filter((a) => a !== err && !objects.includes(a as object))
    .map((a) => scrub(String(a)))
    .join(' ');
  // Objects become pino fields rather than text so the logger's redact paths (token, secret…) apply.
  const fields: Record<string, unknown> = Object.assign({}, ...objects);
  if (err) fields.err = err;
  logger[method](fields, text || err?.message || '');
}

export function createBoltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let child = logger.child({ component: name });
  return {
    debug: (...msg: unknown[]) => write(child, 'debug', msg),
    info: (...msg: unknown[]) => write(child, 'info', msg),
    warn: (...msg: unknown[]) => write(child, 'warn', msg),
    error: (...msg: unknown[]) => write(child, 'error', msg),
    setLevel(level: LogLevel) {
      child.level = toPino[level];
    },
    getLevel: () => boltLogLevel(child.level),
    setName(newName: string) {
      const level = child.level;
      child = logger.child({ component: newName });
      child.level = level;
    },
  };
}
