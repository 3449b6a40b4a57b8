import { requestToken, send, sleep, tokenFor, useSimulator } from './helpers';

describe('simulator OAuth token endpoint', () => {
  const ctx = useSimulator();

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${ctx.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  it('issues a bearer token with the demo client scopes, space-separated', async () => {
    const res = await requestToken(ctx.sim, 'agentstate-demo', 'demo-secret');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'Agent-Read Agent-Write Skills-Read',
    });
  });

  it.each([
    ['agentstate-readonly', 'readonly-secret', 'Agent-Read Skills-Read'],
    ['agentstate-writeonly', 'writeonly-secret', 'Agent-Write Skills-Read'],
    ['agentstate-noscope', 'noscope-secret', ''],
  ])('grants %s exactly its seeded scopes', async (clientId, secret, scope) => {
    const res = await requestToken(ctx.sim, clientId, secret);
    expect(res.status).toBe(200);
    expect((await res.json()).scope).toBe(scope);
  });

  it('accepts the client credentials as HTTP Basic too', async () => {
    const basic = Buffer.from('agentstate-demo:demo-secret').toString('base64');
    const res = await post('grant_type=client_credentials', { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    for (const [id, secret] of [
      ['agentstate-demo', 'wrong'],
      ['nobody', 'demo-secret'],
    ] as const) {
      const res = await requestToken(ctx.sim, id, secret);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    }
  });

  it('answers 400 unsupported_grant_type for another grant', async () => {
    const res = await post('grant_type=password&client_id=agentstate-demo&client_secret=demo-secret');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('unsupported_grant_type');
  });

  it('answers 400 invalid_request when grant_type, client_id or the form encoding is missing', async () => {
    const missingGrant = await post('client_id=agentstate-demo&client_secret=demo-secret');
    const missingClient = await post('grant_type=client_credentials');
    const json = await post(JSON.stringify({ grant_type: 'client_credentials' }), {
      'content-type': 'application/json',
    });
    for (const res of [missingGrant, missingClient, json]) {
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toEqual(expect.any(String));
    }
  });
});

describe('simulator bearer authentication', () => {
  const ctx = useSimulator();
  const skills = () => `${ctx.sim.url}/api/v2/skills`;

  it('answers 401 invalid_token without a token or with an unknown one', async () => {
    for (const token of [undefined, 'not-a-real-token']) {
      const res = await send(skills(), { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'invalid_token', message: expect.any(String) });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('accepts a valid token', async () => {
    expect((await send(skills(), { token: ctx.token })).status).toBe(200);
  });

  it('rejects every existing token once tokens are revoked, and accepts a new one', async () => {
    const before = await tokenFor(ctx.sim);
    expect(await ctx.control.revokeTokens()).toBeGreaterThanOrEqual(2);
    for (const token of [before, ctx.token]) {
      const res = await send(skills(), { token });
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/revoked/);
    }
    expect((await send(skills(), { token: await tokenFor(ctx.sim) })).status).toBe(200);
  });

  it('reports forcibly expired tokens as expired', async () => {
    await ctx.control.expireTokens();
    const res = await send(skills(), { token: ctx.token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_token', message: expect.stringMatching(/expired/) });
  });

  it('forgets tokens on reset', async () => {
    await ctx.control.reset();
    expect((await send(skills(), { token: ctx.token })).status).toBe(401);
  });
});

describe('simulator token lifetime', () => {
  const ctx = useSimulator({ tokenTtlSeconds: 1 });

  it('when the token outlives expires_in, then the API answers 401 and a new token works', async () => {
    const res = await requestToken(ctx.sim, 'agentstate-demo', 'demo-secret');
    const { access_token, expires_in } = await res.json();
    expect(expires_in).toBe(1);
    expect((await send(`${ctx.sim.url}/api/v2/activities`, { token: access_token })).status).toBe(200);
    await sleep(1100);
    const expired = await send(`${ctx.sim.url}/api/v2/activities`, { token: access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
    const fresh = await tokenFor(ctx.sim);
    expect((await send(`${ctx.sim.url}/api/v2/activities`, { token: fresh })).status).toBe(200);
  });
});
