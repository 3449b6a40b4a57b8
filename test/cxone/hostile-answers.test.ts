import nock from 'nock';
import {
  AuthError,
  InvalidResponseError,
  ResponseTooLargeError,
  UnavailableError,
} from '../../src/cxone/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/cxone/http';
import { createLogger } from '../../src/logger';
import {
  AGENT_ID,
  api,
  BASE_URL,
  CLIENT_SECRET,
  captureLogs,
  caught,
  makeClient,
  tokenScope,
} from './helpers/fixtures';
import { useNock } from './helpers/nock-lifecycle';

useNock();

const path = `/api/v2/agents/${AGENT_ID}/states`;
/** A body just past the cap: what a broken proxy or a hostile server may send. */
const HUGE = DEFAULT_MAX_RESPONSE_BYTES + 1024 * 1024;

/** Everything a failure leaves behind: the error as the app logs it, and the client's own log lines. */
function trace(error: unknown, clientLogs: string): string {
  const lines: string[] = [];
  const appLogger = createLogger({ level: 'debug', destination: { write: (l: string) => lines.push(l) } });
  appLogger.warn({ err: error }, 'state change failed');
  return `${clientLogs}\n${lines.join('')}\n${(error as Error).message}\n${JSON.stringify(error)}`;
}

describe('an answer larger than any the contract allows', () => {
  it('when a 200 is larger than the cap, then reading stops there and the call fails with ResponseTooLargeError', async () => {
    tokenScope();
    api()
      .get(path)
      .reply(200, `{"states":[],"padding":"${'x'.repeat(HUGE)}"}`);
    const { client, logs } = makeClient();

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ code: 'invalid_response', limitBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect(trace(error, logs.text()).length).toBeLessThan(20_000);
  });

  it('when a 500 carries megabytes, then the error and every log line keep only a bounded summary', async () => {
    tokenScope();
    const body = { error: 'boom', message: 'y'.repeat(1_000_000), trace: 'z'.repeat(3_000_000) };
    api().get(path).times(4).reply(500, body);
    const { client, logs } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as UnavailableError;

    expect(error).toBeInstanceOf(UnavailableError);
    expect(JSON.stringify(error.body).length).toBeLessThan(2_200);
    expect(error.message.length).toBeLessThan(700);
    expect(trace(error, logs.text()).length).toBeLessThan(30_000);
  });
});

describe('secrets inside error bodies', () => {
  it('when a CXone error body nests credentials at any depth, then none reaches the error, its message or the logs', async () => {
    tokenScope();
    api()
      .get(path)
      .times(4)
      .reply(500, {
        error: 'boom',
        message: 'rejected client_secret=LEAK-1 with Authorization: Bearer LEAK-2',
        request: {
          headers: { Authorization: 'Bearer LEAK-3', 'X-Api-Key': 'LEAK-4' },
          form: { grant_type: 'password', password: 'LEAK-5', client_secret: 'LEAK-6' },
        },
        tokens: [
          { access_token: 'LEAK-7', refresh_token: 'LEAK-8', id_token: 'LEAK-9', token_type: 'Bearer' },
        ],
      });
    const { client, logs } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as UnavailableError;

    expect(trace(error, logs.text())).not.toMatch(/LEAK-/);
    // What is not a credential stays readable.
    expect(error.body).toMatchObject({ error: 'boom', tokens: [{ token_type: 'Bearer' }] });
  });

  it('when the token endpoint quotes the client secret in error_description, then only its error code is kept', async () => {
    nock(BASE_URL)
      .post('/oauth/token')
      .reply(401, {
        error: 'invalid_client',
        error_description: `client authentication failed for secret ${CLIENT_SECRET}`,
        echo: { client_secret: CLIENT_SECRET },
      });
    const { client, logs } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as AuthError;

    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('invalid_client');
    expect(error.body).toEqual({ error: 'invalid_client' });
    const all = trace(error, logs.text());
    expect(all).not.toContain(CLIENT_SECRET);
    expect(all).not.toContain('client authentication failed');
  });

  it('when an error built elsewhere carries a raw body, then the logger still prints it redacted and bounded', () => {
    const { logger, text } = captureLogs();
    const raw = Object.assign(new Error('failed'), {
      body: { nested: { client_secret: 'LEAK-10' }, page: 'p'.repeat(100_000) },
    });

    logger.error({ err: raw }, 'call failed');

    expect(text()).not.toContain('LEAK-10');
    expect(text().length).toBeLessThan(5_000);
  });
});
