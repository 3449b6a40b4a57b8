import axios from 'axios';
import nock from 'nock';
import {
  AuthError,
  createTokenProvider,
  InvalidResponseError,
  tokenMarginMs,
  UnavailableError,
  zeroDelayRetryPolicy,
} from '../../src/cxone';
import { createFakeClock, FAKE_EPOCH } from './helpers/fake-clock';
import {
  AGENT_ID,
  api,
  BASE_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  captureLogs,
  caught,
  makeClient,
  TOKEN,
  TOKEN_2,
  tokenBody,
  tokenScope,
} from './helpers/fixtures';
import { useNock } from './helpers/nock-lifecycle';

useNock();

function provider() {
  const clock = createFakeClock();
  const tokens = createTokenProvider({
    baseUrl: BASE_URL,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    http: axios.create(),
    logger: captureLogs().logger,
    retry: zeroDelayRetryPolicy,
    clock,
    timeoutMs: 10_000,
  });
  return { tokens, clock };
}

const statesPath = `/api/v2/agents/${AGENT_ID}/states`;

describe('the safety margin', () => {
  it('is 60 s for long-lived tokens and a tenth of the lifetime for short ones', () => {
    expect(tokenMarginMs(3_600_000)).toBe(60_000);
    expect(tokenMarginMs(600_000)).toBe(60_000);
    expect(tokenMarginMs(300_000)).toBe(30_000);
    expect(tokenMarginMs(1_000)).toBe(100);
  });
});

describe('token caching', () => {
  it('posts the client credentials form-encoded and reports the granted scopes', async () => {
    const scope = nock(BASE_URL, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
      .post('/oauth/token', {
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      })
      .reply(200, tokenBody(TOKEN, 3600, 'Agent-Read  Skills-Read'));
    const { client } = makeClient();

    await expect(client.tokenInfo()).resolves.toEqual({
      scopes: ['Agent-Read', 'Skills-Read'],
      expiresAt: FAKE_EPOCH + 3_600_000 - 60_000,
    });
    scope.done();
  });

  it('reuses the token until 60 s before it expires, then fetches a new one', async () => {
    const first = tokenScope(TOKEN, 1, 3600);
    const { tokens, clock } = provider();

    expect((await tokens.getToken()).accessToken).toBe(TOKEN);
    clock.advance(3_540_000 - 1);
    expect((await tokens.getToken()).accessToken).toBe(TOKEN);
    first.done();

    const second = tokenScope(TOKEN_2, 1, 3600);
    clock.advance(1);
    expect((await tokens.getToken()).accessToken).toBe(TOKEN_2);
    second.done();
  });

  it('still uses a 1 s simulator token for the first 900 ms instead of refetching every call', async () => {
    const first = tokenScope(TOKEN, 1, 1);
    const { tokens, clock } = provider();

    await tokens.getToken();
    clock.advance(899);
    expect((await tokens.getToken()).accessToken).toBe(TOKEN);
    first.done();

    const second = tokenScope(TOKEN_2, 1, 1);
    clock.advance(1);
    expect((await tokens.getToken()).accessToken).toBe(TOKEN_2);
    second.done();
  });

  it('serves many API calls from one token', async () => {
    const token = tokenScope();
    const scope = api().get(statesPath).times(3).reply(200, { states: [] });
    const { client } = makeClient();

    for (let i = 0; i < 3; i++) await client.getAgentStates(AGENT_ID);

    token.done();
    scope.done();
  });
});

describe('single-flight refresh', () => {
  it('when 100 requests start without a token, one token request serves them all', async () => {
    const token = tokenScope(TOKEN, 1);
    const scope = api().get(statesPath).times(100).reply(200, { states: [] });
    const { client } = makeClient();

    const results = await Promise.all(Array.from({ length: 100 }, () => client.getAgentStates(AGENT_ID)));

    expect(results).toHaveLength(100);
    token.done();
    scope.done();
  });

  it('when the token has expired, one refresh serves all waiting requests', async () => {
    tokenScope(TOKEN, 1, 3600);
    const { client, clock, events } = makeClient();
    await client.tokenInfo();
    clock.advance(3_600_000);

    const refresh = tokenScope(TOKEN_2, 1, 3600);
    const scope = api(TOKEN_2).get(statesPath).times(100).reply(200, { states: [] });
    await Promise.all(Array.from({ length: 100 }, () => client.getAgentStates(AGENT_ID)));

    refresh.done();
    scope.done();
    expect(events.filter((e) => e.endpoint === 'POST /oauth/token')).toHaveLength(2);
  });

  it('when 100 requests hit 401 with the same revoked token, the token is refreshed once', async () => {
    tokenScope(TOKEN, 1);
    const { client } = makeClient();
    await client.tokenInfo();

    const refresh = tokenScope(TOKEN_2, 1);
    const revoked = api(TOKEN).get(statesPath).times(100).reply(401, { error: 'invalid_token' });
    const fresh = api(TOKEN_2).get(statesPath).times(100).reply(200, { states: [] });
    await Promise.all(Array.from({ length: 100 }, () => client.getAgentStates(AGENT_ID)));

    refresh.done();
    revoked.done();
    fresh.done();
  });

  it('a failed refresh is not cached: the next call asks again', async () => {
    nock(BASE_URL).post('/oauth/token').reply(401, { error: 'invalid_client' });
    const { tokens } = provider();
    await expect(tokens.getToken()).rejects.toBeInstanceOf(AuthError);

    const again = tokenScope();
    await expect(tokens.getToken()).resolves.toMatchObject({ accessToken: TOKEN });
    again.done();
  });
});

describe('token endpoint failures', () => {
  it('refused client credentials (401) become AuthError with the OAuth error code, not retried', async () => {
    const scope = nock(BASE_URL)
      .post('/oauth/token')
      .reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const { client, events } = makeClient();

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, endpoint: 'POST /oauth/token' });
    expect((error as AuthError).message).toContain('invalid_client');
    // The description may quote the submitted form; only the OAuth error code is kept.
    expect((error as AuthError).message).not.toContain('Client authentication failed');
    expect(events).toHaveLength(1);
    scope.done();
  });

  it('a 400 invalid_grant is an AuthError too', async () => {
    const scope = nock(BASE_URL)
      .post('/oauth/token')
      .reply(400, { error: 'unsupported_grant_type', error_description: 'grant not allowed for client' });
    const { tokens } = provider();

    const error = await caught(tokens.getToken());

    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain('unsupported_grant_type');
    expect((error as AuthError).message).not.toContain('grant not allowed for client');
    scope.done();
  });

  it('retries a 503 from the token endpoint, since asking for a token twice is harmless', async () => {
    const scope = nock(BASE_URL)
      .post('/oauth/token')
      .times(2)
      .reply(503, { error: 'unavailable' })
      .post('/oauth/token')
      .reply(200, tokenBody());
    const { tokens } = provider();

    await expect(tokens.getToken()).resolves.toMatchObject({ accessToken: TOKEN });
    scope.done();
  });

  it('when the token endpoint stays down, the API call fails with UnavailableError after maxAttempts token requests', async () => {
    const scope = nock(BASE_URL).post('/oauth/token').times(4).reply(502, 'Bad Gateway');
    const { client, events } = makeClient();

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'server', endpoint: 'POST /oauth/token' });
    // The API call does not wrap the token retries in retries of its own.
    expect(events).toHaveLength(4);
    scope.done();
  });

  it('an unreachable token endpoint is UnavailableError("network")', async () => {
    const scope = nock(BASE_URL).post('/oauth/token').times(4).replyWithError('connect ECONNREFUSED');
    const { tokens } = provider();

    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'unavailable', reason: 'network' });
    scope.done();
  });

  it('a token response without expires_in is an InvalidResponseError that does not keep the token', async () => {
    const scope = nock(BASE_URL)
      .post('/oauth/token')
      .reply(200, { access_token: TOKEN, token_type: 'Bearer', scope: 'Agent-Read' });
    const { tokens } = provider();

    const error = (await caught(tokens.getToken())) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.fields).toEqual(['expires_in']);
    expect(error.body).toBeUndefined();
    expect(error.message).not.toContain(TOKEN);
    scope.done();
  });
});
