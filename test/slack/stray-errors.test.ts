import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { logStrayErrors } from '../../src/slack/stray-errors';

/** The process-level net of `agentstate serve`, against a stand-in for `process`. */

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logStrayErrors', () => {
  it('when a promise rejection goes unhandled, then it is logged with its stack and nothing else happens', () => {
    const proc = new EventEmitter();
    const { lines, logger } = capture();
    const remove = logStrayErrors(logger, proc as unknown as NodeJS.Process);

    proc.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    proc.emit('uncaughtException', new Error('thrown in a callback'), 'uncaughtException');

    expect(lines.map((l) => l.msg)).toEqual([
      'unhandled promise rejection; still serving',
      'uncaught exception; still serving',
    ]);
    expect(JSON.stringify(lines[0]?.err)).toContain('ssl_check');
    expect((lines[0]!.err as { stack?: string }).stack).toContain('TypeError');

    remove();
    expect(proc.listenerCount('unhandledRejection') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});
