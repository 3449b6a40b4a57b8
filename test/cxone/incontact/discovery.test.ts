import nock from 'nock';
import { AuthError, DiscoveryError, InvalidInputError, InvalidResponseError } from '../../../src/cxone';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import {
  API_URL,
  API_VERSION,
  AUTH_URL,
  api,
  cxoneConfigScope,
  jwt,
  makeClient,
  openidScope,
  passwordGrant,
  SERVICES,
  TENANT_ID,
  TOKEN,
  TOKEN_URL,
  wireState,
} from './helpers/fixtures';

useNock();

const statePath = `${SERVICES}/agents/1001/states`;

describe('discovery', () => {
  it('finds the token endpoint, the tenant in the token and the API host once for many calls', async () => {
    const scopes = [openidScope(), passwordGrant(), cxoneConfigScope()];
    const calls = api()
      .get(statePath)
      .times(3)
      .reply(200, { agentStates: [wireState()] });
    const { client, events } = makeClient();

    for (let i = 0; i < 3; i++) await client.getAgentState('1001');

    for (const scope of scopes) scope.done();
    calls.done();
    expect(events.map((e) => e.endpoint)).toEqual([
      'GET /.well-known/openid-configuration',
      'POST {token_endpoint}',
      'GET /.well-known/cxone-configuration',
      'GET /agents/{agentId}/states',
      'GET /agents/{agentId}/states',
      'GET /agents/{agentId}/states',
    ]);
  });

  it('when 50 calls start at once, discovery and the token are each requested once', async () => {
    const scopes = [openidScope(), passwordGrant(), cxoneConfigScope()];
    const calls = api()
      .get(statePath)
      .times(50)
      .reply(200, { agentStates: [wireState()] });
    const { client } = makeClient();

    await Promise.all(Array.from({ length: 50 }, () => client.getAgentState('1001')));

    for (const scope of scopes) scope.done();
    calls.done();
  });

  it('connection() reports what discovery found, and no secret', async () => {
    const scopes = [openidScope(), passwordGrant(), cxoneConfigScope()];
    const { client } = makeClient();

    const info = await client.connection();

    expect(info).toEqual({
      authUrl: AUTH_URL,
      tokenEndpoint: TOKEN_URL,
      tenantId: TENANT_ID,
      apiEndpoint: API_URL,
      apiVersion: API_VERSION,
      clientAuth: 'basic',
    });
    for (const scope of scopes) scope.done();
  });

  it('reads the tenant from icBUId when the token has no tenantId claim', async () => {
    const token = jwt({ icBUId: 4_600_123 });
    const scopes = [openidScope(), passwordGrant(token), cxoneConfigScope('4600123')];
    const { client } = makeClient();

    await expect(client.connection()).resolves.toMatchObject({ tenantId: '4600123', apiEndpoint: API_URL });
    for (const scope of scopes) scope.done();
  });

  it('when the token names no tenant, fails with a DiscoveryError naming tenantId and calls no API', async () => {
    const scopes = [openidScope(), passwordGrant(jwt({ sub: 'user:api' }))];
    const { client } = makeClient();

    const error = (await caught(client.getAgentState('1001'))) as DiscoveryError;

    expect(error).toBeInstanceOf(DiscoveryError);
    expect(error.fields).toEqual(['tenantId']);
    expect(error.message).toContain('tenantId');
    expect(error.remediation).toContain('CXONE_BASE_URL');
    for (const scope of scopes) scope.done();
  });

  it('CXONE_BASE_URL overrides the API host: no cxone-configuration lookup, and no tenant needed', async () => {
    const scopes = [openidScope(), passwordGrant(jwt({ sub: 'user:api' }))];
    const calls = nock('https://override.cxone.test')
      .get(statePath)
      .reply(200, { agentStates: [wireState()] });
    const { client } = makeClient({ baseUrl: 'https://override.cxone.test/' });

    await client.getAgentState('1001');

    expect(await client.connection()).toMatchObject({
      apiEndpoint: 'https://override.cxone.test',
      tenantId: '',
    });
    for (const scope of scopes) scope.done();
    calls.done();
  });

  it('an openid-configuration without token_endpoint is a DiscoveryError naming the field', async () => {
    const scope = openidScope(1, { issuer: AUTH_URL });
    const { client } = makeClient();

    const error = (await caught(client.tokenInfo())) as DiscoveryError;

    expect(error).toBeInstanceOf(DiscoveryError);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.fields).toEqual(['token_endpoint']);
    expect(error.message).toContain('token_endpoint');
    expect(error.remediation).toContain('CXONE_AUTH_URL');
    scope.done();
  });

  it('a cxone-configuration without api_endpoint is a DiscoveryError naming the field', async () => {
    const scopes = [openidScope(), passwordGrant(), cxoneConfigScope(TENANT_ID, { area: 'na1' })];
    const { client } = makeClient();

    const error = (await caught(client.connection())) as DiscoveryError;

    expect(error).toBeInstanceOf(DiscoveryError);
    expect(error.fields).toEqual(['api_endpoint']);
    for (const scope of scopes) scope.done();
  });

  it('a failed discovery is not cached: the next call discovers again', async () => {
    const down = nock(AUTH_URL).get('/.well-known/openid-configuration').reply(404, 'Not Found');
    const { client } = makeClient();
    await expect(client.tokenInfo()).rejects.toBeInstanceOf(DiscoveryError);
    down.done();

    const scopes = [openidScope(), passwordGrant()];
    await expect(client.tokenInfo()).resolves.toMatchObject({ scopes: [] });
    for (const scope of scopes) scope.done();
  });

  it('a token answer without access_token is an InvalidResponseError naming it', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL).post('/auth/token').reply(200, { token_type: 'Bearer', expires_in: 3600 }),
    ];
    const { client } = makeClient();

    const error = (await caught(client.tokenInfo())) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.fields).toEqual(['access_token']);
    for (const scope of scopes) scope.done();
  });

  it('refuses an API version that is not vNN.0 before any request', () => {
    expect(() => makeClient({ apiVersion: '27' })).toThrow(InvalidInputError);
  });
});

describe('tokenInfo', () => {
  it('reports no scopes (a token may do what the API user’s role allows) and the expiry with margin', async () => {
    const scopes = [openidScope(), passwordGrant(TOKEN, { expiresIn: 3600 })];
    const { client, clock } = makeClient();

    const info = await client.tokenInfo();

    expect(info).toEqual({ scopes: [], expiresAt: clock.now() + 3_600_000 - 60_000 });
    for (const scope of scopes) scope.done();
  });

  it('a refused access key is an AuthError whose remediation names the access key and client variables', async () => {
    const scopes = [
      openidScope(),
      nock(AUTH_URL)
        .post('/auth/token')
        .reply(400, { error: 'invalid_grant', error_description: 'Invalid username or password' }),
    ];
    const { client } = makeClient();

    const error = (await caught(client.tokenInfo())) as AuthError;

    expect(error).toBeInstanceOf(AuthError);
    // Only the OAuth error code: the token endpoint's description may quote the submitted form.
    expect(error.message).toContain('(invalid_grant)');
    expect(error.message).not.toContain('Invalid username or password');
    for (const name of [
      'CXONE_ACCESS_KEY_ID',
      'CXONE_ACCESS_KEY_SECRET',
      'CXONE_CLIENT_ID',
      'CXONE_CLIENT_SECRET',
    ]) {
      expect(error.remediation).toContain(name);
    }
    expect(error.remediation).not.toMatch(/oauth|scope/i);
    // invalid_grant is about the access key, not the client: no second try with the body credentials.
    for (const scope of scopes) scope.done();
  });
});
