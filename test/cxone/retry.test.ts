import fc from 'fast-check';
import {
  AuthError,
  BadRequestError,
  backoffDelay,
  ConflictError,
  defaultRetryPolicy,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  type RetryPolicy,
  UnavailableError,
  withRetry,
} from '../../src/cxone';
import { createFakeClock } from './helpers/fake-clock';

const policyArb = fc.record({
  baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 60_000 }),
});
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff', () => {
  it('never exceeds the cap nor the exponential bound, and is never negative', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 200 }), unit, (policy, retry, r) => {
        const delay = backoffDelay(policy, retry, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(delay).toBeLessThanOrEqual(policy.baseDelayMs * 2 ** (retry - 1));
      }),
    );
  });

  it('never waits less than Retry-After, and no longer than needed beyond it', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 1, max: 50 }),
        unit,
        fc.integer({ min: 0, max: 3_600_000 }),
        (policy, retry, r, retryAfterMs) => {
          const delay = backoffDelay(policy, retry, () => r, retryAfterMs);
          expect(delay).toBeGreaterThanOrEqual(retryAfterMs);
          expect(delay).toBeLessThanOrEqual(Math.max(policy.maxDelayMs, retryAfterMs));
        },
      ),
    );
  });

  it('doubles the cap per retry until maxDelayMs (full jitter at r→1)', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(policy, n, almostOne))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });
});

const transient = () => new UnavailableError('down', 'server', { status: 503 });

describe('withRetry', () => {
  it('stops after maxAttempts and rethrows the last failure', async () => {
    const clock = createFakeClock();
    let calls = 0;
    const error = await withRetry({ policy: defaultRetryPolicy, clock, idempotent: true }, async () => {
      calls++;
      throw transient();
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnavailableError);
    expect(calls).toBe(defaultRetryPolicy.maxAttempts);
    expect(clock.sleeps).toHaveLength(defaultRetryPolicy.maxAttempts - 1);
  });

  it('does not repeat a call that is not idempotent', async () => {
    const clock = createFakeClock();
    let calls = 0;
    await expect(
      withRetry({ policy: defaultRetryPolicy, clock, idempotent: false }, async () => {
        calls++;
        throw transient();
      }),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(calls).toBe(1);
  });

  it.each([
    ['400', new BadRequestError('bad', { status: 400 })],
    ['401', new AuthError('auth', { status: 401 })],
    ['403', new MissingScopeError('scope', 'Agent-Read', { status: 403 })],
    ['404', new NotFoundError('nf', 'agent', undefined, { status: 404 })],
    ['409', new ConflictError('conflict', undefined, { status: 409 })],
    ['501', new UnavailableError('not implemented', 'server', { status: 501 })],
  ])('never repeats a %s', async (_status, failure) => {
    const clock = createFakeClock();
    let calls = 0;
    await expect(
      withRetry({ policy: defaultRetryPolicy, clock, idempotent: true }, async () => {
        calls++;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('when Retry-After exceeds the remaining budget, fails with RateLimitedError at once', async () => {
    const clock = createFakeClock();
    const policy: RetryPolicy = { ...defaultRetryPolicy, maxTotalMs: 10_000 };
    let calls = 0;
    const error = await withRetry({ policy, clock, idempotent: true }, async () => {
      calls++;
      throw new RateLimitedError('slow down', 30_000, { status: 429 });
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps the total waiting inside maxTotalMs whatever the jitter and failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          maxAttempts: fc.integer({ min: 1, max: 10 }),
          baseDelayMs: fc.integer({ min: 0, max: 5_000 }),
          maxDelayMs: fc.integer({ min: 0, max: 20_000 }),
          maxTotalMs: fc.integer({ min: 0, max: 30_000 }),
        }),
        fc.array(fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }), { minLength: 10 }),
        unit,
        async (timing, retryAfters, r) => {
          const policy: RetryPolicy = { ...defaultRetryPolicy, ...timing };
          const clock = createFakeClock();
          let calls = 0;
          await withRetry({ policy, clock, idempotent: true, random: () => r }, async () => {
            const retryAfter = retryAfters[calls++];
            throw retryAfter === undefined
              ? transient()
              : new RateLimitedError('429', retryAfter, { status: 429 });
          }).catch(() => undefined);

          expect(calls).toBeLessThanOrEqual(policy.maxAttempts);
          expect(clock.totalSlept()).toBeLessThanOrEqual(policy.maxTotalMs);
          clock.sleeps.forEach((slept, i) => {
            const asked = retryAfters[i];
            if (asked !== undefined) expect(slept).toBeGreaterThanOrEqual(asked);
          });
        },
      ),
    );
  });

  it('hands each attempt the time left in the budget, so request timeouts can be clamped', async () => {
    const clock = createFakeClock();
    const policy: RetryPolicy = {
      ...defaultRetryPolicy,
      baseDelayMs: 1_000,
      maxDelayMs: 1_000,
      maxTotalMs: 5_000,
    };
    const remaining: number[] = [];
    await withRetry({ policy, clock, idempotent: true, random: () => 0.5 }, async ({ remainingMs }) => {
      remaining.push(remainingMs);
      throw transient();
    }).catch(() => undefined);

    expect(remaining).toEqual([5_000, 4_500, 4_000, 3_500]);
  });
});
