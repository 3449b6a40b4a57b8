import nock from 'nock';
import { createSecretScrubber } from '../../../src/cxone/incontact/secrets';
import { createLogger } from '../../../src/logger';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import {
  ACCESS_KEY_SECRET,
  API_URL,
  AUTH_URL,
  api,
  BASIC,
  CLIENT_SECRET,
  connected,
  cxoneConfigScope,
  makeClient,
  openidScope,
  REFRESH_TOKEN,
  SERVICES,
  TOKEN,
  TOKEN_2,
  tokenBody,
  wireState,
} from './helpers/fixtures';

useNock();

const SECRETS = [
  ACCESS_KEY_SECRET,
  encodeURIComponent(ACCESS_KEY_SECRET),
  CLIENT_SECRET,
  BASIC.slice('Basic '.length),
  TOKEN,
  TOKEN_2,
  REFRESH_TOKEN,
];

/** Everything an operator could see of an error: message, stack, JSON, and the line the app would log. */
function exposed(error: unknown): string {
  const lines: string[] = [];
  const appLogger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => lines.push(line) },
  });
  appLogger.error({ err: error }, 'cxone call failed');
  const e = error as Error & { remediation?: string };
  return [e.message, e.stack, e.remediation, JSON.stringify(error), ...lines].join('\n');
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('secrets never reach logs or errors', () => {
  it('a token endpoint that echoes the submitted form into its error', async () => {
    const echo = `invalid_grant for password=${encodeURIComponent(ACCESS_KEY_SECRET)} (${ACCESS_KEY_SECRET}) client ${CLIENT_SECRET}`;
    const scopes = [
      openidScope(),
      nock(AUTH_URL)
        .post('/auth/token')
        .reply(400, { error: 'invalid_grant', error_description: echo, password: ACCESS_KEY_SECRET }),
    ];
    const { client, logs } = makeClient();

    const error = await caught(client.tokenInfo());

    expectNoSecret(exposed(error) + logs.text());
    // Only the OAuth error code is kept: the description may quote the form under any wording.
    expect((error as Error).message).toMatch(/\(invalid_grant\)/);
    expect(exposed(error) + logs.text()).not.toContain('password=');
    for (const scope of scopes) scope.done();
  });

  it("a token endpoint's description is dropped even when it holds no known secret", async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL).post('/auth/token').reply(400, {
        error: 'invalid_grant',
        error_description: 'wrong secret hunter2-something for this key',
      }),
    ];
    const { client, logs } = makeClient();
    const error = await caught(client.tokenInfo());
    expect((error as Error).message).toMatch(/invalid_grant/);
    expect(exposed(error) + logs.text()).not.toContain('hunter2');
    for (const scope of scopes) scope.done();
  });

  it('through discovery, refreshes, a 401, retries and a failing POST', async () => {
    const scopes = [
      ...connected(TOKEN),
      nock(AUTH_URL).post('/auth/token').reply(200, tokenBody(TOKEN_2)),
      api(TOKEN)
        .get(`${SERVICES}/agents/1001/states`)
        .reply(401, { message: `token ${TOKEN} rejected` }),
      api(TOKEN_2)
        .get(`${SERVICES}/agents/1001/states`)
        .reply(503)
        .get(`${SERVICES}/agents/1001/states`)
        .reply(200, { agentStates: [wireState()] }),
      api(TOKEN_2)
        .post(`${SERVICES}/agent-sessions`)
        .reply(400, { error: 'StationIDInUse', echo: `Bearer ${TOKEN_2}` }),
    ];
    const { client, logs } = makeClient();

    await client.getAgentState('1001');
    const error = await caught(client.startSessionAs('1001', { stationId: 'S1' }));
    const info = await client.connection();

    expectNoSecret(exposed(error) + logs.text() + JSON.stringify(info));
    expect(logs.text()).toContain('GET /agents/{agentId}/states');
    for (const scope of scopes) scope.done();
  });

  it('a malformed token answer does not carry its tokens on the error', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL).post('/auth/token').reply(200, { access_token: TOKEN, refresh_token: REFRESH_TOKEN }),
    ];
    const { client, logs } = makeClient();

    const error = await caught(client.tokenInfo());

    expectNoSecret(exposed(error) + logs.text());
    for (const scope of scopes) scope.done();
  });

  it('every API call carries the bearer token and Accept: application/json', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL).post('/auth/token').reply(200, tokenBody()),
      cxoneConfigScope(),
    ];
    const seen: Record<string, string | string[] | undefined>[] = [];
    const body = { agentStates: [wireState()], agents: [], skills: [], sessionId: 1 };
    const calls = nock(API_URL)
      .persist()
      .get(/.*/)
      .reply(function reply() {
        seen.push(this.req.headers);
        return [200, body];
      })
      .post(/.*/)
      .reply(function reply() {
        seen.push(this.req.headers);
        return [202, body];
      });
    const { client } = makeClient();

    await client.getAgentState('1001');
    await client.searchAgents({ search: 'a' });
    await client.listSkills();
    await client.setAgentState('1001', { state: 'Available' });
    await client.startSessionAs('1001', { stationId: 'S1' });

    expect(seen).toHaveLength(5);
    for (const headers of seen) {
      expect(headers).toMatchObject({ accept: 'application/json', authorization: `Bearer ${TOKEN}` });
    }
    for (const scope of scopes) scope.done();
    calls.persist(false);
  });
});

describe('the scrubber', () => {
  it('masks secrets as they appear raw, URL-encoded, form-encoded and JSON-escaped, deep in bodies', () => {
    const scrub = createSecretScrubber(['s3cret+/="x', undefined]);
    scrub.add('tok-abcdef');

    expect(scrub.text('a s3cret+/="x b s3cret%2B%2F%3D%22x c s3cret%2B%2F%3D%22x')).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
    expect(scrub.value({ a: ['x tok-abcdef y', { b: 's3cret+/=\\"x' }], n: 3 })).toEqual({
      a: ['x [redacted] y', { b: '[redacted]' }],
      n: 3,
    });
  });

  it('ignores values too short to be secrets', () => {
    const scrub = createSecretScrubber(['abc', '']);
    expect(scrub.text('abc abc')).toBe('abc abc');
  });
});
