import type nock from 'nock';
import {
  AuthError,
  InvalidResponseError,
  MissingScopeError,
  RateLimitedError,
  UnavailableError,
} from '../../src/cxone';
import { endpointCases, notRetriedCases, retriedCases } from './helpers/endpoints';
import { api, BASE_URL, caught, makeClient, TOKEN, TOKEN_2, tokenScope } from './helpers/fixtures';
import { intercept, replySuccess } from './helpers/intercept';
import { useNock } from './helpers/nock-lifecycle';

useNock();

describe.each(endpointCases)('$method $endpoint', (c) => {
  it('answers the contract success with the validated payload', async () => {
    const token = tokenScope();
    const scope = replySuccess(api(), c);
    const { client, events } = makeClient();

    await expect(c.call(client)).resolves.toEqual(c.expected);

    token.done();
    scope.done();
    expect(events.map((e) => e.endpoint)).toEqual(['POST /oauth/token', c.endpoint]);
    expect(events[1]?.status).toBe(c.success.status);
  });

  it('when CXone rejects the token with 401, refreshes once and repeats the request', async () => {
    const tokens = tokenScope(TOKEN).post('/oauth/token').reply(200, {
      access_token: TOKEN_2,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'Agent-Read',
    });
    const stale = intercept(api(TOKEN), c).reply(401, { error: 'invalid_token', message: 'token revoked' });
    const fresh = replySuccess(api(TOKEN_2), c);
    const { client } = makeClient();

    await expect(c.call(client)).resolves.toEqual(c.expected);

    tokens.done();
    stale.done();
    fresh.done();
  });

  it('when the fresh token is rejected too, fails with AuthError after exactly one refresh', async () => {
    const tokens = tokenScope(TOKEN, 2);
    const scope = intercept(api(), c).times(2).reply(401, { error: 'invalid_token', message: 'nope' });
    const { client } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'auth_failed', status: 401, endpoint: c.endpoint });
    tokens.done();
    scope.done();
  });

  it(`on 403 names the missing ${c.scope} scope`, async () => {
    tokenScope();
    const scope = intercept(api(), c).reply(403, { error: 'forbidden', message: 'insufficient scope' });
    const { client } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(MissingScopeError);
    expect(error).toMatchObject({ scope: c.scope, status: 403, endpoint: c.endpoint });
    expect((error as MissingScopeError).message).toContain(c.scope);
    expect((error as MissingScopeError).remediation).toContain(c.scope);
    scope.done();
  });

  if (c.method !== 'DELETE') {
    it('rejects a success body that breaks the contract with InvalidResponseError', async () => {
      tokenScope();
      const scope = intercept(api(), c).reply(c.success.status, { unexpected: true });
      const { client } = makeClient();

      const error = await caught(c.call(client));

      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toContain(c.endpoint);
      expect((error as InvalidResponseError).fields.length).toBeGreaterThan(0);
      expect((error as InvalidResponseError).body).toEqual({ unexpected: true });
      scope.done();
    });
  }

  it('maps a network failure to UnavailableError("network")', async () => {
    tokenScope();
    const scope = intercept(api(), c)
      .times(c.retried ? 4 : 1)
      .replyWithError('socket hang up');
    const { client } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'network', endpoint: c.endpoint });
    scope.done();
  });

  it('maps a response slower than timeoutMs to UnavailableError("timeout")', async () => {
    tokenScope();
    const scope = intercept(api(), c)
      .times(c.retried ? 4 : 1)
      .delay(500)
      .reply(c.success.status, c.success.body as nock.Body);
    // The token call keeps a generous timeout so a slow CI machine cannot time it out instead.
    const { client, events } = makeClient({ timeoutMs: 30, tokenTimeoutMs: 10_000 });

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', endpoint: c.endpoint });
    expect(events.filter((e) => e.endpoint === c.endpoint).map((e) => e.status)).toEqual(
      Array(c.retried ? 4 : 1).fill('timeout'),
    );
    scope.done();
  });
});

describe.each(retriedCases)('retries of $method $endpoint', (c) => {
  it('after 503 and 502, succeeds on the third attempt', async () => {
    tokenScope();
    const scope = api();
    intercept(scope, c).reply(503, { error: 'unavailable', message: 'try later' });
    intercept(scope, c).reply(502, 'Bad Gateway');
    replySuccess(scope, c);
    const { client, events } = makeClient();

    await expect(c.call(client)).resolves.toEqual(c.expected);

    scope.done();
    expect(events.filter((e) => e.endpoint === c.endpoint).map((e) => e.status)).toEqual([503, 502, 200]);
  });

  it('when every attempt answers 500, gives up after maxAttempts with UnavailableError("server")', async () => {
    tokenScope();
    const scope = intercept(api(), c).times(4).reply(500, { error: 'internal', message: 'boom' });
    const { client } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'server', status: 500 });
    scope.done();
  });

  it('on 429 waits at least Retry-After seconds before trying again', async () => {
    tokenScope();
    const scope = api();
    intercept(scope, c).reply(429, { error: 'rate_limited', message: 'slow down' }, { 'Retry-After': '3' });
    replySuccess(scope, c);
    const { client, clock } = makeClient();

    await expect(c.call(client)).resolves.toEqual(c.expected);

    scope.done();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });
});

describe.each(notRetriedCases)('$method $endpoint is never repeated', (c) => {
  it.each([500, 502, 503, 504])('a %d surfaces as UnavailableError after one call', async (status) => {
    tokenScope();
    const scope = api();
    intercept(scope, c).reply(status, { error: 'unavailable', message: 'down' });
    // Registered but must stay unused: a retry would consume it.
    replySuccess(scope, c);
    const { client } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'server', status });
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('a 429 surfaces as RateLimitedError with retryAfterMs, without waiting', async () => {
    tokenScope();
    const scope = api();
    intercept(scope, c).reply(429, { error: 'rate_limited', message: 'slow down' }, { 'Retry-After': '2' });
    replySuccess(scope, c);
    const { client, clock } = makeClient();

    const error = await caught(c.call(client));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(2000);
    expect(clock.sleeps).toEqual([]);
    expect(scope.pendingMocks()).toHaveLength(1);
  });
});

it('uses the configured base URL without doubling slashes', async () => {
  tokenScope();
  const scope = api().get('/api/v2/activities').reply(200, { entities: [] });
  const { client } = makeClient({ baseUrl: `${BASE_URL}/` });

  await expect(client.listActivities()).resolves.toEqual([]);
  scope.done();
});
