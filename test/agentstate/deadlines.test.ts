import { createAgentStateService } from '../../src/agentstate';
import { READ_GRACE_MS } from '../../src/agentstate/poll-states';
import { type ReadOptions, systemClock } from '../../src/agentstate/ports';
import { resumeOperation } from '../../src/agentstate/recovery';
import { UnavailableError } from '../../src/cxone/errors';
import type { FakeClock } from './fake-clock';
import { FakeCxone } from './fake-cxone';
import { ids, jane, setup, tenantData } from './tenant';

const VERIFY = 5_000;

/**
 * A CXone that stops answering: every read after the first hangs until its caller gives up. Runs on the
 * platform timers (faked by jest here), since a hanging request hangs in real time.
 */
function hangingTenant() {
  const clock = systemClock as unknown as FakeClock;
  const cxone = new FakeCxone(tenantData(), clock);
  const answer = cxone.getAgentStates.bind(cxone);
  const abandoned: AbortSignal[] = [];
  let reads = 0;
  cxone.getAgentStates = (agentId: string, opts?: ReadOptions) => {
    reads += 1;
    if (reads === 1) return answer(agentId);
    return new Promise((_resolve, reject) => {
      opts?.signal?.addEventListener('abort', () => {
        abandoned.push(opts.signal as AbortSignal);
        reject(opts.signal?.reason);
      });
    });
  };
  const service = createAgentStateService({
    cxone,
    clock: systemClock,
    defaults: { skillId: ids.sales, activity: 'Available' },
    verifyTimeoutMs: VERIFY,
  });
  return { cxone, service, abandoned };
}

/** Advances the fake timers until `promise` settles or `limitMs` has passed; returns the time it took. */
async function settleWithin(promise: Promise<unknown>, limitMs: number): Promise<number | undefined> {
  const start = Date.now();
  let settled: number | undefined;
  promise.then(
    () => (settled = Date.now() - start),
    () => (settled = Date.now() - start),
  );
  for (let t = 0; t < limitMs && settled === undefined; t += 50) await jest.advanceTimersByTimeAsync(50);
  return settled;
}

describe('a verification whose reads hang', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when CXone stops answering after the login POST, then verification ends at VERIFY_TIMEOUT_MS and the hung read is abandoned', async () => {
    const { service, cxone, abandoned } = hangingTenant();

    const outcome = service.loginAndVerify(jane);
    const tookMs = await settleWithin(outcome, 10 * VERIFY);

    expect(tookMs).toBeDefined();
    expect(tookMs).toBeLessThanOrEqual(VERIFY + READ_GRACE_MS);
    await expect(outcome).resolves.toMatchObject({ kind: 'not_visible' });
    expect(cxone.posted).toHaveLength(1);
    // The window's deadline reached the read itself, so the HTTP exchange under it is abandoned too.
    expect(abandoned.length).toBeGreaterThan(0);
  });

  it('when CXone stops answering during a logout, then it is reported unconfirmed at VERIFY_TIMEOUT_MS', async () => {
    const { service, cxone } = hangingTenant();
    cxone.seedState(jane.id, ids.sales);

    const outcome = service.logout(jane, ids.sales);
    const tookMs = await settleWithin(outcome, 10 * VERIFY);

    expect(tookMs).toBeLessThanOrEqual(VERIFY + READ_GRACE_MS);
    await expect(outcome).resolves.toMatchObject({ kind: 'not_confirmed' });
  });
});

describe('recovery re-reading a login left by a dead process', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when CXone stops answering, then the re-check ends with its window and the login is reported unconfirmed', async () => {
    const startedAt = new Date(Date.now());
    const service = {
      resolveAgent: async () => ({ kind: 'found' as const, agent: jane }),
      resolveTarget: async () => {
        throw new Error('catalog unavailable');
      },
      // Never answers.
      report: () => new Promise<never>(() => {}),
    };
    const op = {
      id: 'op-1',
      agentId: jane.id,
      action: 'login',
      startedBy: 'U1',
      startedAt,
      target: { skill: ids.sales },
      owner: 'host:3000/dead',
      claimedAt: startedAt,
    };

    const outcome = resumeOperation({ service, clock: systemClock, verifyTimeoutMs: VERIFY }, op);
    const tookMs = await settleWithin(outcome, 10 * VERIFY);

    expect(tookMs).toBeLessThanOrEqual(VERIFY + READ_GRACE_MS);
    await expect(outcome).resolves.toMatchObject({ kind: 'failed' });
  });
});

describe('a login POST whose fate is unknown and that outlasted the verify window', () => {
  /** The POST takes longer than the whole window, then fails without saying whether it landed. */
  function slowUncertainPost(h: ReturnType<typeof setup>, error: UnavailableError, landed: boolean) {
    const post = h.cxone.loginAgent.bind(h.cxone);
    const calls: string[] = [];
    let posts = 0;
    h.cxone.loginAgent = async (agentId, body) => {
      calls.push('POST');
      posts += 1;
      if (posts > 1) return post(agentId, body);
      h.clock.advance(VERIFY + 2_000);
      if (landed) await post(agentId, body);
      throw error;
    };
    const read = h.cxone.getAgentStates.bind(h.cxone);
    h.cxone.getAgentStates = (agentId: string, opts?: ReadOptions) => {
      calls.push('GET');
      return read(agentId, opts);
    };
    return calls;
  }

  it('when it did not land, then the state is read before the second POST', async () => {
    const h = setup({ verifyTimeoutMs: VERIFY });
    const calls = slowUncertainPost(h, new UnavailableError('timeout', 'timeout'), false);

    const outcome = await h.service.loginAndVerify(jane);

    expect(outcome).toMatchObject({ kind: 'verified' });
    const [first, second] = calls.flatMap((c, i) => (c === 'POST' ? [i] : []));
    expect(second).toBeDefined();
    expect(calls.slice(first! + 1, second)).toContain('GET');
  });

  it('when it did land, then the read finds it and nothing is posted again', async () => {
    const h = setup({ verifyTimeoutMs: VERIFY });
    const calls = slowUncertainPost(h, new UnavailableError('timeout', 'timeout'), true);

    const outcome = await h.service.loginAndVerify(jane);

    expect(outcome).toMatchObject({ kind: 'verified' });
    expect(calls.filter((c) => c === 'POST')).toHaveLength(1);
  });

  it('when no read gets an answer either, then it is not posted again and the original failure is reported', async () => {
    const h = setup({ verifyTimeoutMs: VERIFY });
    const original = new UnavailableError('timeout', 'timeout');
    const calls = slowUncertainPost(h, original, false);
    // The check before the POST answers; every read after it fails.
    let reads = 0;
    h.cxone.getAgentStates = () => {
      reads += 1;
      return reads === 1 ? Promise.resolve([]) : Promise.reject(new UnavailableError('503', 'server'));
    };

    await expect(h.service.loginAndVerify(jane)).rejects.toBe(original);
    expect(calls.filter((c) => c === 'POST')).toHaveLength(1);
    expect(reads).toBeGreaterThan(1);
  });
});
