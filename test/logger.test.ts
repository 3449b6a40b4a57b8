import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('when tokens, secrets and Authorization headers are logged, then none of their values is written', () => {
    const { logger, text } = capture();

    logger.info({ token: 'tok-1', access_token: 'tok-2', client_secret: 'sec-1' }, 'top level');
    logger.info({ req: { headers: { authorization: 'Bearer tok-3' } } }, 'nested header');
    logger.info({ config: { slack: { botToken: 'xoxb-4', signingSecret: 'sec-5' } } }, 'config');
    logger.error(
      {
        err: Object.assign(new Error('boom'), {
          config: { headers: { Authorization: 'Bearer tok-6' }, data: 'client_secret=sec-7' },
        }),
      },
      'axios-like error',
    );

    const out = text();
    for (const secret of ['tok-1', 'tok-2', 'sec-1', 'tok-3', 'xoxb-4', 'sec-5', 'tok-6', 'sec-7']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('boom');
  });
});
