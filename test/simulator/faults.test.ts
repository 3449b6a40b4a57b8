import { createSimulatorControl, startSimulator } from '../../src/simulator';
import { send, sleep, useSimulator } from './helpers';

describe('simulator fault injection', () => {
  const ctx = useSimulator();
  const skills = () => send(`${ctx.sim.url}/api/v2/skills`, { token: ctx.token });

  it('answers 429 with the given Retry-After, then serves normally', async () => {
    await ctx.control.addFaults({ path: '/api/v2/skills', status: 429, times: 1, retryAfter: '2' });
    const limited = await skills();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual({ error: 'too_many_requests', message: expect.any(String) });
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    expect((await skills()).status).toBe(200);
  });

  it('passes an HTTP-date Retry-After through verbatim', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    await ctx.control.addFaults({ status: 429, retryAfter: date });
    expect((await skills()).headers.get('retry-after')).toBe(date);
  });

  it('answers 503 twice, then OK, and counts all three requests', async () => {
    await ctx.control.addFaults({ method: 'GET', path: '/api/v2/skills', status: 503, times: 2 });
    expect((await skills()).status).toBe(503);
    expect((await skills()).status).toBe(503);
    expect((await skills()).status).toBe(200);
    expect(await ctx.control.count('GET /api/v2/skills')).toBe(3);
    expect(await ctx.control.faults()).toEqual([]);
  });

  it('matches a route template, so a fault on one agent route hits any agent id', async () => {
    const [a, b] = ctx.sim.tenant.agents;
    await ctx.control.addFaults({ path: '/api/v2/agents/{agentId}/states', status: 500, times: 2 });
    const url = (id: string) => `${ctx.sim.url}/api/v2/agents/${id}/states`;
    expect((await send(url(a?.id ?? ''), { token: ctx.token })).status).toBe(500);
    expect((await skills()).status).toBe(200);
    expect((await send(url(b?.id ?? ''), { token: ctx.token })).status).toBe(500);
    expect((await send(url(b?.id ?? ''), { token: ctx.token })).status).toBe(200);
  });

  it('matches by method and path prefix, and leaves other methods alone', async () => {
    await ctx.control.addFaults({ method: 'POST', path: '/oauth', status: 502, times: 1 });
    expect((await skills()).status).toBe(200);
    const res = await fetch(`${ctx.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=agentstate-demo&client_secret=demo-secret',
    });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'bad_gateway', error_description: expect.any(String) });
  });

  it('hangs for delayMs, so a client with a shorter timeout gives up', async () => {
    await ctx.control.addFaults({ path: '/api/v2/skills', status: 504, delayMs: 2000 });
    await expect(
      fetch(`${ctx.sim.url}/api/v2/skills`, {
        headers: { authorization: `Bearer ${ctx.token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(await ctx.control.count('GET /api/v2/skills')).toBe(1);
    expect((await skills()).status).toBe(200);
  });

  it('with delayMs and no status, serves the request normally after the delay', async () => {
    await ctx.control.addFaults({ path: '/api/v2/activities', delayMs: 250 });
    const started = Date.now();
    const res = await send(`${ctx.sim.url}/api/v2/activities`, { token: ctx.token });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('clears pending rules on DELETE /__sim/faults', async () => {
    await ctx.control.addFaults({ status: 500, times: 10 });
    expect(await ctx.control.faults()).toHaveLength(1);
    await ctx.control.clearFaults();
    expect((await skills()).status).toBe(200);
  });

  it('rejects a rule with neither status nor delay', async () => {
    const res = await send(`${ctx.sim.url}/__sim/faults`, {
      method: 'POST',
      json: { rules: [{ times: 1 }] },
    });
    expect(res.status).toBe(400);
  });

  it('adds the configured latency to every API request, the token request included', async () => {
    await ctx.control.setConfig({ latencyMs: 200 });
    let started = Date.now();
    await skills();
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    started = Date.now();
    await fetch(`${ctx.sim.url}/oauth/token`, { method: 'POST' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    await ctx.control.setConfig({ latencyMs: 0 });
  });

  it('stops answering hanging requests when closed, without waiting for their delay', async () => {
    const sim = await startSimulator({ agentCount: 5 });
    await createSimulatorControl(sim.url).addFaults({ status: 503, delayMs: 10_000 });
    const pending = fetch(`${sim.url}/api/v2/activities`).catch((e: unknown) => e);
    await sleep(100);
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(5000);
    // undici's TypeError comes from another realm under jest, so compare by name rather than instanceof.
    expect(await pending).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});
