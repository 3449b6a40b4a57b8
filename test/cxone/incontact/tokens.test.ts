import nock from 'nock';
import { AuthError } from '../../../src/cxone';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  AUTH_URL,
  api,
  BASIC,
  CLIENT_ID,
  CLIENT_SECRET,
  cxoneConfigScope,
  makeClient,
  openidScope,
  passwordGrant,
  passwordGrantInBody,
  REFRESH_TOKEN,
  REFRESH_TOKEN_2,
  SERVICES,
  TOKEN,
  TOKEN_2,
  TOKEN_3,
  tokenBody,
  wireState,
} from './helpers/fixtures';

useNock();

type Form = Record<string, string>;
const statePath = `${SERVICES}/agents/1001/states`;
const HOUR_MS = 3_600_000;

/** The refresh grant with Basic client auth, as sent while Basic is accepted. */
function refreshGrant(refreshToken: string, answer: { status: number; body: object }) {
  return nock(AUTH_URL, { reqheaders: { authorization: BASIC } })
    .post(
      '/auth/token',
      (form: Form) =>
        form.grant_type === 'refresh_token' &&
        form.refresh_token === refreshToken &&
        form.client_id === CLIENT_ID,
    )
    .reply(answer.status, answer.body);
}

describe('client authentication at the token endpoint', () => {
  it('when Basic is refused with 401, retries once with the credentials in the body and keeps doing so', async () => {
    const refused = nock(AUTH_URL, { reqheaders: { authorization: BASIC } })
      .post('/auth/token')
      .reply(401, { error: 'invalid_client', error_description: 'client authentication failed' });
    const scopes = [openidScope(), passwordGrantInBody(TOKEN)];
    const { client, clock } = makeClient();

    await client.tokenInfo();
    refused.done();
    for (const scope of scopes) scope.done();

    // The next password grant (the refresh token is refused) goes straight to body credentials.
    clock.advance(HOUR_MS);
    const refresh = nock(AUTH_URL, { badheaders: ['authorization'] })
      .post(
        '/auth/token',
        (form: Form) =>
          form.grant_type === 'refresh_token' &&
          form.client_id === CLIENT_ID &&
          form.client_secret === CLIENT_SECRET,
      )
      .reply(400, { error: 'invalid_grant' });
    const again = passwordGrantInBody(TOKEN_2);
    await client.tokenInfo();
    refresh.done();
    again.done();
  });

  it('a 400 invalid_client also switches to body credentials, and connection() says so', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL, { reqheaders: { authorization: BASIC } })
        .post('/auth/token')
        .reply(400, { error: 'invalid_client' }),
      passwordGrantInBody(TOKEN),
      cxoneConfigScope(),
    ];
    const { client } = makeClient();

    await expect(client.connection()).resolves.toMatchObject({ clientAuth: 'body' });
    for (const scope of scopes) scope.done();
  });

  it('when the body credentials are refused too, it is an AuthError after exactly two tries', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL).post('/auth/token').times(2).reply(401, { error: 'invalid_client' }),
    ];
    const { client, events } = makeClient();

    const error = await caught(client.tokenInfo());

    expect(error).toBeInstanceOf(AuthError);
    expect(events.filter((e) => e.endpoint === 'POST {token_endpoint}')).toHaveLength(2);
    for (const scope of scopes) scope.done();
  });

  it('sends the access key as the password grant, form-encoded', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL, {
        reqheaders: { 'content-type': 'application/x-www-form-urlencoded', authorization: BASIC },
      })
        .post('/auth/token', { grant_type: 'password', username: ACCESS_KEY_ID, password: ACCESS_KEY_SECRET })
        .reply(200, tokenBody()),
    ];
    const { client } = makeClient();

    await client.tokenInfo();
    for (const scope of scopes) scope.done();
  });
});

describe('renewal', () => {
  it('before the token expires, renews it with the refresh token and keeps the tenant', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN), cxoneConfigScope()];
    api(TOKEN)
      .get(statePath)
      .reply(200, { agentStates: [wireState()] });
    const { client, clock } = makeClient();
    await client.getAgentState('1001');
    for (const scope of scopes) scope.done();

    // 59 minutes on: inside the 60 s margin of a one-hour token.
    clock.advance(HOUR_MS - 60_000);
    const refresh = refreshGrant(REFRESH_TOKEN, {
      status: 200,
      body: tokenBody(TOKEN_2, 3600, REFRESH_TOKEN_2),
    });
    const call = api(TOKEN_2)
      .get(statePath)
      .reply(200, { agentStates: [wireState()] });
    await client.getAgentState('1001');
    refresh.done();
    call.done();

    // The rotated refresh token is the one used next time.
    clock.advance(HOUR_MS);
    const second = refreshGrant(REFRESH_TOKEN_2, { status: 200, body: tokenBody(TOKEN_3) });
    await client.tokenInfo();
    second.done();
  });

  it('when the refresh is refused, a fresh password grant follows', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN)];
    const { client, clock } = makeClient();
    await client.tokenInfo();
    for (const scope of scopes) scope.done();

    clock.advance(HOUR_MS);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 400, body: { error: 'invalid_grant' } });
    const password = passwordGrant(TOKEN_2);
    const info = await client.tokenInfo();

    expect(info.expiresAt).toBe(clock.now() + HOUR_MS - 60_000);
    refresh.done();
    password.done();
  });

  it('when the refresh fails with a server error, it is not retried: the password grant follows', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN)];
    const { client, clock } = makeClient();
    await client.tokenInfo();
    for (const scope of scopes) scope.done();

    clock.advance(HOUR_MS);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 503, body: {} });
    const password = passwordGrant(TOKEN_2);
    await client.tokenInfo();
    refresh.done();
    password.done();
  });

  it('without a refresh token, renews with the password grant', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL)
        .post('/auth/token')
        .reply(200, tokenBody(TOKEN, 3600, null)),
    ];
    const { client, clock } = makeClient();
    await client.tokenInfo();
    for (const scope of scopes) scope.done();

    clock.advance(HOUR_MS);
    const password = passwordGrant(TOKEN_2);
    await client.tokenInfo();
    password.done();
  });

  it('when 100 calls find the token expired, one refresh serves them all', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN), cxoneConfigScope()];
    const { client, clock, events } = makeClient();
    await client.connection();
    for (const scope of scopes) scope.done();

    clock.advance(HOUR_MS);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 200, body: tokenBody(TOKEN_2) });
    const calls = api(TOKEN_2)
      .get(statePath)
      .times(100)
      .reply(200, { agentStates: [wireState()] });
    await Promise.all(Array.from({ length: 100 }, () => client.getAgentState('1001')));

    refresh.done();
    calls.done();
    expect(events.filter((e) => e.endpoint === 'POST {token_endpoint}')).toHaveLength(2);
  });
});

describe('a 401 from the API', () => {
  it('forces one refresh and one retry of the call', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN), cxoneConfigScope()];
    const revoked = api(TOKEN).get(statePath).reply(401);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 200, body: tokenBody(TOKEN_2) });
    const retried = api(TOKEN_2)
      .get(statePath)
      .reply(200, { agentStates: [wireState()] });
    const { client } = makeClient();

    await expect(client.getAgentState('1001')).resolves.toMatchObject({ state: 'Available' });

    for (const scope of [...scopes, revoked, refresh, retried]) scope.done();
  });

  it('a second 401 is an AuthError naming the access key and client variables, after one refresh only', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN), cxoneConfigScope()];
    const revoked = api(TOKEN).get(statePath).reply(401);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 200, body: tokenBody(TOKEN_2) });
    const still = api(TOKEN_2).get(statePath).reply(401);
    const { client, events } = makeClient();

    const error = (await caught(client.getAgentState('1001'))) as AuthError;

    expect(error).toBeInstanceOf(AuthError);
    expect(error.status).toBe(401);
    expect(error.remediation).toContain('CXONE_ACCESS_KEY_ID');
    expect(error.remediation).toContain('CXONE_CLIENT_SECRET');
    expect(events.filter((e) => e.endpoint === 'POST {token_endpoint}')).toHaveLength(2);
    for (const scope of [...scopes, revoked, refresh, still]) scope.done();
  });

  it('a 401 on a POST is retried once too: CXone did not process it', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN), cxoneConfigScope()];
    const revoked = api(TOKEN).post(`${SERVICES}/agents/1001/logout`).reply(401);
    const refresh = refreshGrant(REFRESH_TOKEN, { status: 200, body: tokenBody(TOKEN_2) });
    const retried = api(TOKEN_2).post(`${SERVICES}/agents/1001/logout`).reply(202);
    const { client } = makeClient();

    await client.forceLogout('1001');

    for (const scope of [...scopes, revoked, refresh, retried]) scope.done();
  });
});
