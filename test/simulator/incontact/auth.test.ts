import { jwtPayload, keyWithout, send, tokenFor, tokenRequest, useIncontact } from './helpers';

describe('incontact simulator: discovery and tokens', () => {
  const ctx = useIncontact();
  const password = () => ({
    grant_type: 'password',
    username: ctx.sim.demo.accessKeyId,
    password: ctx.sim.demo.accessKeySecret,
  });
  const postOnly = () => {
    const app = ctx.sim.applications.find((a) => !a.authMethods.includes('client_secret_basic'));
    if (!app) throw new Error('no form-only application');
    return app;
  };

  it('follows discovery to a token, then the token to its tenant api endpoint', async () => {
    const discovery = await send<Record<string, unknown>>(`${ctx.sim.url}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(discovery.body).toMatchObject({
      issuer: ctx.sim.url,
      token_endpoint: `${ctx.sim.url}/auth/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: ['openid'],
    });

    const res = await send<Record<string, unknown>>(String(discovery.body.token_endpoint), {
      method: 'POST',
      form: password(),
      headers: { authorization: `Basic ${btoa(`${ctx.sim.demo.clientId}:${ctx.sim.demo.clientSecret}`)}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      refresh_token: expect.any(String),
      expires_in: 3600,
      id_token: expect.any(String),
    });
    const claims = jwtPayload(String(res.body.access_token));
    expect(claims).toMatchObject({
      tenantId: ctx.sim.tenant.catalog.tenantId,
      iss: ctx.sim.url,
      sub: expect.any(String),
      exp: expect.any(Number),
    });
    expect(Number(claims.exp) * 1000).toBeGreaterThan(Date.now());

    const config = await send(`${ctx.sim.url}/.well-known/cxone-configuration?tenantId=${claims.tenantId}`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({
      api_endpoint: ctx.sim.url,
      area: expect.any(String),
      domain: '127.0.0.1',
    });
  });

  it('accepts the client credentials in the form body as well as HTTP Basic', async () => {
    const res = await tokenRequest(ctx.sim, {
      ...password(),
      client_id: ctx.sim.demo.clientId,
      client_secret: ctx.sim.demo.clientSecret,
    });
    expect(res.status).toBe(200);
  });

  it('when an application accepts only form credentials, then Basic is refused with invalid_client and the form works', async () => {
    const app = postOnly();
    const basic = await tokenRequest(ctx.sim, password(), app);
    expect(basic.status).toBe(401);
    expect(basic.body).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/Basic/),
    });

    const form = await tokenRequest(ctx.sim, {
      ...password(),
      client_id: app.clientId,
      client_secret: app.clientSecret,
    });
    expect(form.status).toBe(200);
  });

  it('answers invalid_grant for a wrong access key secret and invalid_client for a wrong client secret', async () => {
    const wrongKey = await tokenRequest(ctx.sim, { ...password(), password: 'nope' }, ctx.sim.demo);
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });

    const wrongClient = await tokenRequest(ctx.sim, password(), { ...ctx.sim.demo, clientSecret: 'nope' });
    expect(wrongClient.status).toBe(401);
    expect(wrongClient.body).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses other grants, missing fields and bodies that are not form-encoded', async () => {
    const grant = await tokenRequest(ctx.sim, { grant_type: 'client_credentials' }, ctx.sim.demo);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type' });
    expect(grant.status).toBe(400);

    const missing = await tokenRequest(ctx.sim, { grant_type: 'password' }, ctx.sim.demo);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_request' });

    const json = await send(`${ctx.sim.url}/auth/token`, { method: 'POST', json: password() });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ error: 'invalid_request' });
  });

  it('exchanges a refresh token with only the client id for a new working token, once', async () => {
    const first = await tokenRequest(ctx.sim, password(), ctx.sim.demo);
    const refresh = { grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) };

    const renewed = await tokenRequest(ctx.sim, { ...refresh, client_id: ctx.sim.demo.clientId });
    expect(renewed.status).toBe(200);
    expect(renewed.body.refresh_token).not.toBe(first.body.refresh_token);
    const agents = await send(ctx.api('/agents?top=1'), { token: String(renewed.body.access_token) });
    expect(agents.status).toBe(200);

    // Single use: the old one is spent.
    const again = await tokenRequest(ctx.sim, { ...refresh, client_id: ctx.sim.demo.clientId });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers invalid_grant for an unknown refresh token, one issued to another client, and an expired one', async () => {
    const unknown = await tokenRequest(ctx.sim, {
      grant_type: 'refresh_token',
      refresh_token: 'never-issued',
      client_id: ctx.sim.demo.clientId,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_grant' });

    const issued = await tokenRequest(ctx.sim, password(), ctx.sim.demo);
    const refresh_token = String(issued.body.refresh_token);
    const otherClient = await tokenRequest(ctx.sim, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: postOnly().clientId,
    });
    expect(otherClient.body).toMatchObject({ error: 'invalid_grant' });

    await ctx.control.expireTokens();
    const expired = await tokenRequest(ctx.sim, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: ctx.sim.demo.clientId,
    });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 401 for an expired, a revoked, a forged and a missing access token', async () => {
    const agents = (token?: string) => send(ctx.api('/agents?top=1'), { token });
    expect((await agents()).status).toBe(401);
    const [head, body] = ctx.token.split('.');
    expect((await agents(`${head}.${body}.forged`)).status).toBe(401);

    await ctx.control.expireTokens();
    const expired = await agents(ctx.token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      error: 'invalid_token',
      error_description: expect.stringMatching(/expired/),
    });
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const fresh = await tokenFor(ctx.sim);
    await ctx.control.revokeTokens();
    expect((await agents(fresh)).status).toBe(401);
  });

  it('when the token TTL is 0, then a new token is already expired', async () => {
    await ctx.control.setConfig({ tokenTtlSeconds: 0 });
    const token = await tokenFor(ctx.sim);
    expect((await send(ctx.api('/agents?top=1'), { token })).status).toBe(401);
  });

  it('answers 404 for an unknown tenant and 400 without one', async () => {
    const unknown = await send(
      `${ctx.sim.url}/.well-known/cxone-configuration?tenantId=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(404);
    expect((await send(`${ctx.sim.url}/.well-known/cxone-configuration`)).status).toBe(400);
  });

  it('issues tokens to every seeded access key, whatever its permissions', async () => {
    const token = await tokenFor(ctx.sim, keyWithout(ctx.sim, 'Agents: View'));
    expect(jwtPayload(token).tenantId).toBe(ctx.sim.tenant.catalog.tenantId);
  });
});
