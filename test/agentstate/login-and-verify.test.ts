import { MAX_POLL_DELAY_MS } from '../../src/agentstate/poll-states';
import type { LoginTarget } from '../../src/agentstate/types';
import {
  AuthError,
  ConflictError,
  MissingScopeError,
  RateLimitedError,
  UnavailableError,
} from '../../src/cxone/errors';
import { ids, jane, setup } from './tenant';

describe('logging an agent in and verifying it', () => {
  it('when CXone shows the login at once, then it is verified at the first poll', async () => {
    const { service, cxone } = setup();
    const outcome = await service.loginAndVerify(jane);
    expect(outcome).toMatchObject({
      kind: 'verified',
      target: { skill: { name: 'Sales' } },
      state: { skillName: 'Sales', stateName: 'Logged In', activityName: 'Available' },
      verifyMs: 100,
      polls: 1,
    });
    expect(cxone.posted).toEqual([
      expect.objectContaining({ skillId: ids.sales, stateId: ids.salesLoggedIn, activityId: ids.available }),
    ]);
  });

  it.each([3_000, 8_000])(
    'when the login takes %i ms to propagate, then it is seen within 300 ms of appearing',
    async (delay) => {
      const { service } = setup({ propagationDelayMs: delay });
      const outcome = await service.loginAndVerify(jane, { skill: 'Support' });
      if (outcome.kind !== 'verified') throw new Error(`expected verified, got ${outcome.kind}`);
      expect(outcome.verifyMs).toBeGreaterThanOrEqual(delay);
      expect(outcome.verifyMs - delay).toBeLessThanOrEqual(300);
    },
  );

  it('never waits longer than the cap between polls', async () => {
    const { service, clock } = setup({ propagationDelayMs: 8_000 });
    await service.loginAndVerify(jane);
    expect(clock.sleeps.slice(0, 4)).toEqual([100, 150, 225, 250]);
    expect(Math.max(...clock.sleeps)).toBe(MAX_POLL_DELAY_MS);
  });

  it('reports progress in order: checking, posting, posted, polling…, verified', async () => {
    const { service, events, onProgress } = setup({ propagationDelayMs: 400 });
    await service.loginAndVerify(jane, undefined, { onProgress });
    expect(events.map((e) => e.type)).toEqual([
      'checking',
      'posting',
      'posted',
      'polling',
      'polling',
      'polling',
      'verified',
    ]);
    expect(events.filter((e) => e.type === 'polling')).toEqual([
      { type: 'polling', attempt: 1, elapsedMs: 100, timeoutMs: 15_000 },
      { type: 'polling', attempt: 2, elapsedMs: 250, timeoutMs: 15_000 },
      { type: 'polling', attempt: 3, elapsedMs: 475, timeoutMs: 15_000 },
    ]);
    expect(events.at(-1)).toEqual({ type: 'verified', elapsedMs: 475 });
  });

  it('when the agent is already in that skill, then it does not post', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.sales, ids.busy);
    const outcome = await service.loginAndVerify(jane);
    expect(outcome).toMatchObject({
      kind: 'already_logged_in',
      state: { skillName: 'Sales', activityName: 'Busy' },
    });
    expect(cxone.calls.loginAgent).toBe(0);
  });

  it('when a conflicting skill blocks the login, then the outcome names that skill and state', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.billing);
    const outcome = await service.loginAndVerify(jane, { skill: 'Sales' });
    if (outcome.kind !== 'conflict') throw new Error(`expected conflict, got ${outcome.kind}`);
    expect(outcome.conflictingSkill).toEqual({ id: ids.billing, name: 'Billing', isActive: true });
    expect(outcome.conflictingState?.skillName).toBe('Billing');
    expect(outcome.error).toBeInstanceOf(ConflictError);
  });

  it('when the 409 does not name the skill, then the re-read states name it', async () => {
    const { service, cxone } = setup();
    cxone.conflictNamesSkill = false;
    cxone.seedState(ids.jane, ids.billing);
    const outcome = await service.loginAndVerify(jane, { skill: 'Sales' });
    expect(outcome).toMatchObject({ kind: 'conflict', conflictingSkill: { name: 'Billing' } });
    expect(cxone.calls.getAgentStates).toBe(2);
  });

  it('when the state posted is not the skill\'s "Logged In" state, then it explains that and lists the valid states', async () => {
    const { service } = setup({ verifyTimeoutMs: 5_000 });
    const outcome = await service.loginAndVerify(jane, { skill: 'Sales', stateId: ids.salesUnavailable });
    if (outcome.kind !== 'not_visible') throw new Error(`expected not_visible, got ${outcome.kind}`);
    expect(outcome.explanation).toContain('"Unavailable"');
    expect(outcome.explanation).toContain('"Logged In" state of skill "Sales"');
    expect(outcome.explanation).toContain(ids.salesLoggedIn);
    expect(outcome.validStates).toEqual([
      { id: ids.salesLoggedIn, name: 'Logged In' },
      { id: ids.salesUnavailable, name: 'Unavailable' },
    ]);
    expect(outcome.verifyMs).toBe(5_000);
  });

  it('when the activity is unknown, then it explains that and lists the valid activities', async () => {
    const { service } = setup();
    const target: LoginTarget = {
      skill: { id: ids.sales, name: 'Sales', isActive: true },
      state: { id: ids.salesLoggedIn, name: 'Logged In' },
      activity: { id: ids.unknownActivity, name: 'Lunch' },
      chosenBy: 'explicit',
      ambiguous: false,
    };
    const outcome = await service.loginAndVerify(jane, target, { timeoutMs: 2_000 });
    if (outcome.kind !== 'not_visible') throw new Error(`expected not_visible, got ${outcome.kind}`);
    expect(outcome.explanation).toContain('activity "Lunch"');
    expect(outcome.validActivities.map((a) => a.name)).toEqual(['Available', 'Busy']);
  });

  it('when a valid login outlasts the deadline, then it suggests the delay may be longer', async () => {
    const { service } = setup({ propagationDelayMs: 20_000 });
    const outcome = await service.loginAndVerify(jane);
    expect(outcome).toMatchObject({
      kind: 'not_visible',
      verifyMs: 15_000,
      explanation:
        'CXone accepted the login but it is not visible yet after 15 s; CXone may be slow to show it — check again in a moment.',
    });
  });

  it('tolerates CXone hiccups while polling, waiting as long as a 429 asks', async () => {
    const { service, cxone, clock } = setup({ propagationDelayMs: 1_000 });
    const outcome = await service.loginAndVerify(jane, undefined, {
      onProgress: (e) => {
        if (e.type !== 'posted') return;
        cxone.fail('getAgentStates', new RateLimitedError('slow down', 2_000));
        cxone.fail('getAgentStates', new UnavailableError('503', 'server'), { times: 2 });
      },
    });
    expect(outcome).toMatchObject({ kind: 'verified', polls: 4 });
    expect(clock.sleeps.slice(0, 2)).toEqual([100, 2_000]);
  });

  it('stops at an error that waiting will not fix', async () => {
    const { service, cxone } = setup();
    await expect(
      service.loginAndVerify(jane, undefined, {
        onProgress: (e) => {
          if (e.type === 'posted') cxone.fail('getAgentStates', new AuthError('revoked', { status: 401 }));
        },
      }),
    ).rejects.toThrow(AuthError);
  });

  it('lets a refused POST through (403 without Agent-Write)', async () => {
    const { service, cxone } = setup();
    cxone.fail('loginAgent', new MissingScopeError('forbidden', 'Agent-Write', { status: 403 }));
    await expect(service.loginAndVerify(jane)).rejects.toThrow(MissingScopeError);
  });

  it('when aborted while polling, then it stops and throws the reason', async () => {
    const { service, cxone } = setup({ propagationDelayMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error('supervisor cancelled');
    const outcome = service.loginAndVerify(jane, undefined, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'polling' && e.attempt === 2) controller.abort(reason);
      },
    });
    await expect(outcome).rejects.toBe(reason);
    expect(cxone.calls.getAgentStates).toBe(2); // the check and one poll: the aborted second one is not sent
  });
});

describe('when the login POST fails without saying whether it landed', () => {
  const unavailable = () => new UnavailableError('timeout after 10 s', 'timeout');

  it('and it did land, then it is verified without posting again', async () => {
    const { service, cxone } = setup({ propagationDelayMs: 2_000 });
    cxone.fail('loginAgent', unavailable(), { afterEffect: true });
    const outcome = await service.loginAndVerify(jane);
    expect(outcome).toMatchObject({ kind: 'verified' });
    expect(cxone.calls.loginAgent).toBe(1);
  });

  it('and it did not land, then it posts once more only after verifying, and verifies that one', async () => {
    const { service, cxone, clock } = setup({ verifyTimeoutMs: 5_000 });
    const start = clock.now();
    cxone.fail('loginAgent', unavailable());
    const outcome = await service.loginAndVerify(jane);
    expect(outcome).toMatchObject({ kind: 'verified', verifyMs: 100 });
    expect(cxone.calls.loginAgent).toBe(2);
    expect(cxone.posted[0]!.at - start).toBeGreaterThanOrEqual(5_000);
  });

  it('and it landed but showed up late, then the second POST gets a 409 for that skill and verification goes on', async () => {
    const { service, cxone, clock } = setup({ verifyTimeoutMs: 5_000, propagationDelayMs: 7_000 });
    const start = clock.now();
    cxone.fail('loginAgent', unavailable(), { afterEffect: true });
    const outcome = await service.loginAndVerify(jane);
    if (outcome.kind !== 'verified') throw new Error(`expected verified, got ${outcome.kind}`);
    expect(cxone.calls.loginAgent).toBe(2);
    expect(cxone.posted).toHaveLength(2);
    expect(outcome.verifyMs).toBe(clock.now() - start);
    expect(outcome.verifyMs - 7_000).toBeLessThanOrEqual(300);
  });

  it('and the second POST fails too, then the original error is thrown', async () => {
    const { service, cxone } = setup({ verifyTimeoutMs: 2_000 });
    const original = unavailable();
    cxone.fail('loginAgent', original);
    cxone.fail('loginAgent', new UnavailableError('502', 'server'));
    await expect(service.loginAndVerify(jane)).rejects.toBe(original);
    expect(cxone.calls.loginAgent).toBe(2);
  });

  it('and the second POST conflicts with another skill, then the original error is thrown', async () => {
    const { service, cxone } = setup({ verifyTimeoutMs: 2_000 });
    const original = unavailable();
    cxone.fail('loginAgent', original);
    cxone.fail('loginAgent', new ConflictError('conflict', ids.billing));
    await expect(service.loginAndVerify(jane)).rejects.toBe(original);
  });
});
