import { Writable } from 'node:stream';
import { LogLevel } from '@slack/bolt';
import { createLogger } from '../../src/logger';
import { boltLogLevel, createBoltLogger } from '../../src/slack/bolt-logger';

function capture(level = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

describe('the pino adapter Bolt logs through', () => {
  it('writes Bolt’s variadic messages as one pino line, errors under err', () => {
    const { logger, lines } = capture();
    const bolt = createBoltLogger(logger);
    bolt.info('listening on', 3000, { mode: 'http' });
    bolt.error('An unhandled error occurred', new Error('boom'));
    expect(lines[0]).toMatchObject({ level: 30, msg: 'listening on 3000', mode: 'http', component: 'bolt' });
    expect(lines[1]).toMatchObject({
      level: 50,
      msg: 'An unhandled error occurred',
      err: { message: 'boom' },
    });
  });

  it('maps levels both ways and keeps the level across setName', () => {
    const { logger, lines } = capture('info');
    const bolt = createBoltLogger(logger);
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
    bolt.setLevel(LogLevel.WARN);
    bolt.setName('web-api');
    bolt.info('hidden');
    bolt.warn('shown');
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(lines).toEqual([expect.objectContaining({ msg: 'shown', component: 'web-api' })]);
    expect(boltLogLevel('trace')).toBe(LogLevel.DEBUG);
    expect(boltLogLevel('silent')).toBe(LogLevel.ERROR);
  });

  it('never writes a Slack token, whether in an object or in text', () => {
    const { logger, lines } = capture();
    const bolt = createBoltLogger(logger);
    bolt.debug({ token: 'xoxb-secret-1' });
    bolt.debug('apiCall with xoxb-123-456-secret and xapp-1-A1-secret');
    expect(JSON.stringify(lines)).not.toMatch(/xoxb-|xapp-/);
  });
});
