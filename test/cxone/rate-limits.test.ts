import { RateLimitedError, zeroDelayRetryPolicy } from '../../src/cxone';
import { FAKE_EPOCH } from './helpers/fake-clock';
import { AGENT_ID, api, caught, makeClient, tokenScope } from './helpers/fixtures';
import { useNock } from './helpers/nock-lifecycle';

useNock();

const path = `/api/v2/agents/${AGENT_ID}/states`;
const slowDown = { error: 'rate_limited', message: 'slow down' };

describe('429 Too Many Requests', () => {
  it('honours a Retry-After HTTP-date, measured on the injected clock', async () => {
    tokenScope();
    const retryAt = new Date(FAKE_EPOCH + 7_000).toUTCString();
    const scope = api()
      .get(path)
      .reply(429, slowDown, { 'Retry-After': retryAt })
      .get(path)
      .reply(200, { states: [] });
    const { client, clock } = makeClient();

    await expect(client.getAgentStates(AGENT_ID)).resolves.toEqual([]);

    scope.done();
    expect(clock.totalSlept()).toBeGreaterThanOrEqual(7_000);
  });

  it('waits again for each successive 429', async () => {
    tokenScope();
    const scope = api()
      .get(path)
      .reply(429, slowDown, { 'Retry-After': '1' })
      .get(path)
      .reply(429, slowDown, { 'Retry-After': '2' })
      .get(path)
      .reply(200, { states: [] });
    const { client, clock } = makeClient();

    await client.getAgentStates(AGENT_ID);

    scope.done();
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1_000);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(2_000);
  });

  it('when Retry-After is longer than the call may take, fails at once with RateLimitedError', async () => {
    tokenScope();
    const scope = api().get(path).reply(429, slowDown, { 'Retry-After': '120', 'x-request-id': 'rl-1' });
    const { client, clock } = makeClient({ retry: { ...zeroDelayRetryPolicy, maxTotalMs: 30_000 } });

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 120_000, requestId: 'rl-1', status: 429 });
    expect(clock.sleeps).toEqual([]);
    scope.done();
  });

  it('when 429s never stop, gives up after maxAttempts with RateLimitedError', async () => {
    tokenScope();
    const scope = api().get(path).times(4).reply(429, slowDown);
    const { client } = makeClient();

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeUndefined();
    scope.done();
  });
});

describe('backoff between retries', () => {
  it('sleeps within the exponential caps of the policy', async () => {
    tokenScope();
    const scope = api().get(path).times(3).reply(503).get(path).reply(200, { states: [] });
    const policy = { ...zeroDelayRetryPolicy, baseDelayMs: 100, maxDelayMs: 250 };
    const { client, clock } = makeClient({ retry: policy });

    await client.getAgentStates(AGENT_ID);

    scope.done();
    expect(clock.sleeps).toHaveLength(3);
    clock.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(Math.min(250, 100 * 2 ** i));
    });
  });
});
