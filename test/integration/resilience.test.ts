import { loggedOutAgents, type Stack, startStack } from './stack';

const TOKEN = 'POST /oauth/token';
const STATES = 'GET /api/v2/agents/{agentId}/states';

describe('tokens, rate limits and server errors against the simulator', () => {
  let stack: Stack;
  afterEach(() => stack.close());

  it('when the token expires mid-run, then one refresh serves the rest of the run', async () => {
    stack = await startStack();
    const agents = stack.sim.tenant.agents.slice(0, 6);
    for (const a of agents.slice(0, 3)) await stack.service.report(a.id);
    expect(await stack.control.count(TOKEN)).toBe(1);

    await stack.control.expireTokens();
    for (const a of agents.slice(3)) {
      const r = await stack.service.report(a.id);
      expect(r.kind).toBe('report');
    }

    expect(await stack.control.count(TOKEN)).toBe(2);
  });

  it('when 100 status calls start with an expired token, then exactly one token request is made', async () => {
    stack = await startStack({ sim: { agentCount: 150 } });
    await stack.service.listSkills(); // a token and a warm catalog
    await stack.control.expireTokens();
    await stack.control.reset(); // counts back to zero; the client still holds the now-unknown token
    const agents = stack.sim.tenant.agents.slice(0, 100);

    const results = await Promise.all(agents.map((a) => stack.service.report(a.id)));

    expect(results.every((r) => r.kind === 'report')).toBe(true);
    expect(await stack.control.count(TOKEN)).toBe(1);
  });

  it('when the token lifetime runs out between calls, then 100 concurrent calls cause one token request', async () => {
    stack = await startStack({ sim: { agentCount: 150, tokenTtlSeconds: 1 } });
    await stack.service.listSkills();
    await new Promise((r) => setTimeout(r, 1100));
    const before = await stack.control.count(TOKEN);

    const agents = stack.sim.tenant.agents.slice(0, 100);
    const results = await Promise.all(agents.map((a) => stack.cxone.getAgentStates(a.id)));

    expect(results).toHaveLength(100);
    expect((await stack.control.count(TOKEN)) - before).toBe(1);
  });

  it('when CXone answers 429 with Retry-After, then the read waits that long and succeeds', async () => {
    stack = await startStack();
    const agent = loggedOutAgents(stack.sim)[0]!;
    await stack.service.report(agent.id);
    await stack.control.addFaults({
      method: 'GET',
      path: '/api/v2/agents/{agentId}/states',
      status: 429,
      retryAfter: 1,
    });

    const started = Date.now();
    const r = await stack.service.report(agent.id);

    expect(r.kind).toBe('report');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await stack.control.count(STATES)).toBe(3);
  });

  it('when CXone answers 503 twice, then the third attempt succeeds', async () => {
    stack = await startStack();
    const agent = loggedOutAgents(stack.sim)[0]!;
    await stack.service.report(agent.id);
    const before = await stack.control.count(STATES);
    await stack.control.addFaults({
      method: 'GET',
      path: '/api/v2/agents/{agentId}/states',
      status: 503,
      times: 2,
    });

    const r = await stack.service.report(agent.id);

    expect(r.kind).toBe('report');
    expect((await stack.control.count(STATES)) - before).toBe(3);
  });

  it('when a login POST answers 503, then it is not blindly retried and the error says CXone is unavailable', async () => {
    stack = await startStack({ verifyTimeoutMs: 1200 });
    const agent = loggedOutAgents(stack.sim)[0]!;
    await stack.control.addFaults({
      method: 'POST',
      path: '/api/v2/agents/{agentId}/states',
      status: 503,
      times: 5,
    });

    await expect(stack.service.loginAndVerify(agent, { skill: 'Billing' })).rejects.toMatchObject({
      code: 'unavailable',
    });
    // One POST, then one more only after re-reading the state showed it had not landed.
    expect(await stack.control.count('POST /api/v2/agents/{agentId}/states')).toBeLessThanOrEqual(2);
  });
});
