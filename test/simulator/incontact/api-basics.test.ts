import { keyWithout, rawGet, send, tokenFor, useIncontact } from './helpers';

describe('incontact simulator: what every API call needs', () => {
  const ctx = useIncontact();

  it('answers 406 "No known way to render data" without an Accept header or with one that is not JSON', async () => {
    const url = ctx.api('/agents/1001');
    const auth = { authorization: `Bearer ${ctx.token}` };

    const none = await rawGet(url, auth);
    expect(none.status).toBe(406);
    expect(none.body).toBe('No known way to render data');
    expect(none.contentType).toMatch(/^text\/plain/);

    expect((await rawGet(url, { ...auth, accept: 'text/html' })).status).toBe(406);
    expect((await rawGet(url, { ...auth, accept: 'application/json, text/plain, */*' })).status).toBe(200);
    expect((await rawGet(url, { ...auth, accept: 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('checks the token before the Accept header', async () => {
    expect((await rawGet(ctx.api('/agents/1001'), {})).status).toBe(401);
  });

  it('matches the service prefix in any case and any vNN.0 version', async () => {
    for (const prefix of [
      '/inContactAPI/services/v23.0',
      '/incontactapi/services/v27.0',
      '/INCONTACTAPI/Services/v2.0',
    ]) {
      const res = await send(`${ctx.sim.url}${prefix}/agents/1001`, { token: ctx.token });
      expect(res.status).toBe(200);
    }
    expect(
      (await send(`${ctx.sim.url}/inContactAPI/services/v27.1/agents/1001`, { token: ctx.token })).status,
    ).toBe(404);
    expect(
      (await send(`${ctx.sim.url}/inContactAPI/services/agents/1001`, { token: ctx.token })).status,
    ).toBe(404);
  });

  it('counts requests by route template without the service prefix, whatever version was called', async () => {
    await send(`${ctx.sim.url}/inContactAPI/services/v23.0/agents/1001/states`, { token: ctx.token });
    await send(`${ctx.sim.url}/incontactapi/services/v27.0/agents/1002/states`, { token: ctx.token });
    expect(await ctx.control.count('GET /agents/{agentId}/states')).toBe(2);
    expect(await ctx.control.count('POST /auth/token')).toBe(1);
  });

  it('answers 403 naming the missing permission when the access key role has no agent permissions', async () => {
    const token = await tokenFor(ctx.sim, keyWithout(ctx.sim, 'Agents: View'));
    const res = await send(ctx.api('/agents/1001/states'), { token });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'Forbidden', permission: 'Agents: View' });
    expect(String(res.body.error_description)).toContain('Agents: View');

    const change = await send(ctx.api('/agents/1001/state'), {
      method: 'POST',
      token,
      form: { state: 'Available' },
    });
    expect(change.status).toBe(403);
    expect(change.body).toMatchObject({ permission: 'Agents: Edit' });

    // The token itself works: catalog reads need no agent permission.
    expect((await send(ctx.api('/skills'), { token })).status).toBe(200);
  });

  it('answers 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    const unknown = await send(ctx.api('/contacts/active'), { token: ctx.token });
    expect(unknown.status).toBe(404);
    expect(await ctx.control.count('GET *')).toBe(1);

    const wrong = await send(ctx.api('/agents/1001/logout'), { token: ctx.token });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('gives every response a request id', async () => {
    const res = await send(ctx.api('/skills'), { token: ctx.token });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
