import { Writable } from 'node:stream';
import axios from 'axios';
import nock from 'nock';
import { type CxoneClientOptions, createCxoneClient, createTokenProvider } from '../../../src/cxone';
import { type RetryPolicy, zeroDelayRetryPolicy } from '../../../src/cxone/retry';
import { createLogger } from '../../../src/logger';
import { createFakeClock, type FakeClock } from './fake-clock';

export const BASE_URL = 'https://cxone.test';
export const CLIENT_ID = 'client-id-123';
export const CLIENT_SECRET = 'super-secret-client-secret-value';
export const TOKEN = 'access-token-AAA';
export const TOKEN_2 = 'access-token-BBB';

export const AGENT_ID = '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f';
export const SKILL_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_SKILL_ID = '44444444-4444-4444-8444-444444444444';
export const STATE_ID = '22222222-2222-4222-8222-222222222222';
export const ACTIVITY_ID = '33333333-3333-4333-8333-333333333333';

export const agent = {
  id: AGENT_ID,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  userName: 'ada',
  isActive: true,
};

export const agentState = {
  agentId: AGENT_ID,
  stateId: STATE_ID,
  skillId: SKILL_ID,
  loginTime: '2025-03-01T11:59:00Z',
  activityId: ACTIVITY_ID,
};

export function tokenBody(
  accessToken = TOKEN,
  expiresIn = 3600,
  scope = 'Agent-Read Agent-Write Skills-Read',
) {
  return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope };
}

/** The token endpoint, answering `times` times with `accessToken`. */
export function tokenScope(accessToken = TOKEN, times = 1, expiresIn = 3600) {
  return nock(BASE_URL)
    .post(
      '/oauth/token',
      (body: Record<string, string>) =>
        body.grant_type === 'client_credentials' &&
        body.client_id === CLIENT_ID &&
        body.client_secret === CLIENT_SECRET,
    )
    .times(times)
    .reply(200, tokenBody(accessToken, expiresIn));
}

/** An API scope that insists on the given bearer token. */
export function api(accessToken = TOKEN) {
  return nock(BASE_URL, { reqheaders: { authorization: `Bearer ${accessToken}` } });
}

/** Captures pino's JSON lines so tests can assert what was (not) logged. */
export function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, text: () => lines.join('\n'), records: () => lines.map((l) => JSON.parse(l)) };
}

export interface TestClient {
  client: ReturnType<typeof createCxoneClient>;
  clock: FakeClock;
  logs: ReturnType<typeof captureLogs>;
  events: Parameters<NonNullable<CxoneClientOptions['onRequest']>>[0][];
}

export function makeClient(
  overrides: Partial<CxoneClientOptions> & { retry?: RetryPolicy; tokenTimeoutMs?: number } = {},
): TestClient {
  const { tokenTimeoutMs, ...options } = overrides;
  const clock = createFakeClock();
  const logs = captureLogs();
  const events: TestClient['events'] = [];
  const http = axios.create();
  const tokens =
    tokenTimeoutMs === undefined
      ? undefined
      : createTokenProvider({
          baseUrl: BASE_URL,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          http,
          logger: logs.logger,
          retry: zeroDelayRetryPolicy,
          clock,
          timeoutMs: tokenTimeoutMs,
          onRequest: (e) => events.push(e),
        });
  const client = createCxoneClient({
    baseUrl: BASE_URL,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    http,
    tokens,
    logger: logs.logger,
    retry: zeroDelayRetryPolicy,
    clock,
    // Generous: CI machines are busy, and only the timeout tests want requests to time out.
    timeoutMs: 10_000,
    onRequest: (e) => events.push(e),
    ...options,
  });
  return { client, clock, logs, events };
}

/** Awaits a rejection and returns the error, failing the test when the promise resolves. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
