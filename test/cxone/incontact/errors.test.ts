import { Readable } from 'node:stream';
import axios, { type AxiosAdapter } from 'axios';
import nock from 'nock';
import {
  BadRequestError,
  ConflictError,
  type CxoneError,
  ImpersonationNotAllowedError,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  SessionInProgressError,
  StationError,
  type UnavailableError,
} from '../../../src/cxone';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import {
  API_URL,
  AUTH_URL,
  api,
  connected,
  makeClient,
  SERVICES,
  TOKEN_URL,
  tokenBody,
} from './helpers/fixtures';

useNock();

const sessions = `${SERVICES}/agent-sessions`;

/** Runs `call` against one failing answer of `path` and returns the error. */
async function failure(
  method: 'get' | 'post',
  path: string,
  reply: { status: number; body?: nock.Body; headers?: Record<string, string> },
  call: (client: ReturnType<typeof makeClient>['client']) => Promise<unknown>,
): Promise<CxoneError> {
  const scopes = connected();
  const scope = api()[method](path).query(true).reply(reply.status, reply.body, reply.headers);
  const { client } = makeClient();
  const error = (await caught(call(client))) as CxoneError;
  for (const s of [...scopes, scope]) s.done();
  return error;
}

const startSession = (c: ReturnType<typeof makeClient>['client']) =>
  c.startSessionAs('1001', { stationId: 'S1' });

describe('API failures of the incontact dialect', () => {
  it('404 "Invalid Agent Id" is NotFoundError(agent) with the id', async () => {
    const error = await failure(
      'get',
      `${SERVICES}/agents/999/states`,
      { status: 404, body: 'Invalid Agent Id' },
      (c) => c.getAgentState('999'),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: 'agent', id: '999', status: 404 });
    expect(error.message).toContain('Invalid Agent Id');
  });

  it.each([
    [409, { error: 'SessionInProgress' }],
    [400, { error: 'SessionInProgress', error_description: 'A session is already in progress' }],
    [409, ''],
  ])('%i %j on POST /agent-sessions is SessionInProgressError, a ConflictError', async (status, body) => {
    const error = await failure('post', sessions, { status, body }, startSession);
    expect(error).toBeInstanceOf(SessionInProgressError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('conflict');
    expect(error.remediation).toMatch(/force a logout/);
  });

  it.each([
    [403, { error: 'ImpersonateNotEnabled' }],
    [400, 'ImpersonateNotEnabled'],
  ])(
    '%i %j is ImpersonationNotAllowedError, telling how to enable it or unset CXONE_IMPERSONATION',
    async (status, body) => {
      const error = await failure('post', sessions, { status, body }, startSession);
      expect(error).toBeInstanceOf(ImpersonationNotAllowedError);
      expect(error).toBeInstanceOf(MissingScopeError);
      expect(error.remediation).toContain('CXONE_IMPERSONATION');
      expect(error.remediation).toMatch(/impersonation/i);
    },
  );

  it.each([
    ['StationIDInUse', 'station_in_use'],
    ['PhoneNumberInUse', 'phone_in_use'],
    ['InvalidPhoneNumberOrStation', 'invalid_station'],
  ])('400 %s is StationError(%s)', async (marker, problem) => {
    const error = await failure('post', sessions, { status: 400, body: { error: marker } }, startSession);
    expect(error).toBeInstanceOf(StationError);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ problem });
    expect(error.remediation).toMatch(/station|phone/i);
  });

  it('403 names a permission of the API user’s CXone role, never an OAuth scope', async () => {
    const error = await failure('post', `${SERVICES}/agents/1001/logout`, { status: 403 }, (c) =>
      c.forceLogout('1001'),
    );
    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error.message).toContain('log agents out');
    expect(error.remediation).toContain('CXONE_ACCESS_KEY_ID');
    expect(error.remediation).toMatch(/role/);
    expect(`${error.message} ${error.remediation}`).not.toMatch(/oauth|scope/i);
  });

  it('406 says the Accept header was refused', async () => {
    const error = await failure(
      'get',
      `${SERVICES}/skills`,
      { status: 406, body: 'No known way to render data' },
      (c) => c.listSkills(),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('Accept: application/json');
    expect(error.message).toContain('No known way to render data');
    expect(error.remediation).toContain('CXONE_API_VERSION');
  });

  it('a 400 on setAgentState explains that only a logged-in agent’s state can be set', async () => {
    const error = await failure('post', `${SERVICES}/agents/1001/state`, { status: 400 }, (c) =>
      c.setAgentState('1001', { state: 'Available' }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.remediation).toContain('logged-in agent');
    expect(error.remediation).not.toMatch(/activity/);
  });

  it('a 409 on setAgentState is a ConflictError without v2’s skill-switch advice', async () => {
    const error = await failure('post', `${SERVICES}/agents/1001/state`, { status: 409 }, (c) =>
      c.setAgentState('1001', { state: 'Unavailable', reasonId: '9' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.remediation).not.toMatch(/skill/i);
  });

  it('404 on a team’s unavailable codes speaks of the team', async () => {
    const error = await failure('get', `${SERVICES}/teams/77/unavailable-codes`, { status: 404 }, (c) =>
      c.listTeamReasons('77'),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.remediation).toContain('team');
  });

  it('429 is retried after Retry-After; when it persists, RateLimitedError keeps retryAfterMs', async () => {
    const scopes = connected();
    const scope = api()
      .get(`${SERVICES}/skills`)
      .query(true)
      .times(4)
      .reply(429, { error: 'slow down' }, { 'Retry-After': '2' });
    const { client, clock } = makeClient();

    const error = (await caught(client.listSkills())) as RateLimitedError;

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(2000);
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    for (const s of [...scopes, scope]) s.done();
  });

  it('5xx on a read, after the retries, is UnavailableError pointing at the API endpoint', async () => {
    const scopes = connected();
    const scope = api().get(`${SERVICES}/agents/1001/states`).times(4).reply(500);
    const { client } = makeClient();

    const error = (await caught(client.getAgentState('1001'))) as UnavailableError;

    expect(error).toMatchObject({ reason: 'server', status: 500 });
    for (const s of [...scopes, scope]) s.done();
  });

  it('an unreachable auth host is UnavailableError naming CXONE_AUTH_URL', async () => {
    const scope = nock(AUTH_URL)
      .get('/.well-known/openid-configuration')
      .times(4)
      .replyWithError('connect ECONNREFUSED');
    const { client } = makeClient();

    const error = (await caught(client.tokenInfo())) as UnavailableError;

    expect(error).toMatchObject({ reason: 'network' });
    expect(error.remediation).toContain('CXONE_AUTH_URL');
    scope.done();
  });

  it('reads the reason phrase, spelled as words, when CXone puts its description there', async () => {
    // nock cannot set a reason phrase; an axios adapter can.
    const adapter: AxiosAdapter = async (config) => {
      const url = String(config.url);
      const answer = (status: number, data: unknown, statusText = 'OK') => ({
        status,
        statusText,
        // As a stream when the transport reads one (to cap the size), else as is.
        data: config.responseType === 'stream' ? Readable.from([Buffer.from(JSON.stringify(data))]) : data,
        headers: { 'content-type': 'application/json' },
        config,
        request: {},
      });
      if (url.endsWith('/.well-known/openid-configuration'))
        return answer(200, { token_endpoint: TOKEN_URL });
      if (url === TOKEN_URL) return answer(200, tokenBody());
      if (url.includes('cxone-configuration')) return answer(200, { api_endpoint: API_URL });
      return answer(400, '', 'Session In Progress');
    };
    const { client } = makeClient({ http: axios.create({ adapter }) });

    const error = await caught(startSession(client));

    expect(error).toBeInstanceOf(SessionInProgressError);
    expect((error as Error).message).toContain('(Session In Progress)');
  });

  it('a failing call reports its endpoint label without ids', async () => {
    const error = await failure('get', `${SERVICES}/agents/4242/skills`, { status: 404 }, (c) =>
      c.getAgentSkills('4242'),
    );
    expect(error.endpoint).toBe('GET /agents/{agentId}/skills');
  });

  it('v2 wording never leaks into this dialect’s remediations', async () => {
    const errors = [
      await failure('get', `${SERVICES}/agents/1001/states`, { status: 400 }, (c) => c.getAgentState('1001')),
      await failure('get', `${SERVICES}/agents/1001/states`, { status: 403 }, (c) => c.getAgentState('1001')),
      await failure('get', `${SERVICES}/agents/1001/states`, { status: 401 }, async (c) => {
        // The forced refresh after the first 401 answers with the same kind of token, refused again.
        nock(TOKEN_URL.replace('/auth/token', '')).post('/auth/token').reply(200, tokenBody());
        api().get(`${SERVICES}/agents/1001/states`).reply(401);
        return c.getAgentState('1001');
      }),
    ];
    for (const error of errors) expect(error.remediation).not.toMatch(/oauth|scope|activity/i);
  });
});
