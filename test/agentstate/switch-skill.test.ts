import { InvalidTargetError } from '../../src/agentstate/types';
import { NotFoundError } from '../../src/cxone/errors';
import { ids, jane, setup } from './tenant';

describe('switching an agent to another skill', () => {
  it('logs out of the old skill, then logs in to the new one and verifies it', async () => {
    const { service, cxone, events, onProgress } = setup({ propagationDelayMs: 500 });
    cxone.seedState(ids.jane, ids.billing);
    // Billing and Sales conflict: a plain login would answer 409.
    const outcome = await service.switchSkill(jane, ids.billing, { skill: 'Sales' }, { onProgress });
    expect(outcome).toMatchObject({ kind: 'verified', state: { skillName: 'Sales' } });
    expect(cxone.visibleStates(ids.jane).map((s) => s.skillId)).toEqual([ids.sales]);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('logging_out');
    expect(events[0]).toEqual({ type: 'logging_out', skillName: 'Billing' });
    expect(types.slice(types.indexOf('checking'))).toEqual(
      expect.arrayContaining(['checking', 'posting', 'posted', 'verified']),
    );
    expect(types.at(-1)).toBe('verified');
  });

  it('refuses an invalid target before logging the agent out', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.billing);
    await expect(service.switchSkill(jane, ids.billing, { skill: 'Marketing' })).rejects.toThrow(
      InvalidTargetError,
    );
    expect(cxone.calls.logoutAgent).toBe(0);
    expect(cxone.visibleStates(ids.jane)).toHaveLength(1);
  });

  it('when the old skill is still held after the logout, then the login conflict names it', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.billing);
    // CXone answers the DELETE with 404 yet keeps the state: the logout cannot be confirmed.
    cxone.fail(
      'logoutAgent',
      new NotFoundError('not logged in with that state', 'state', ids.billingLoggedIn),
    );
    const outcome = await service.switchSkill(jane, ids.billing, { skill: 'Sales' }, { timeoutMs: 1_000 });
    expect(outcome).toMatchObject({ kind: 'conflict', conflictingSkill: { name: 'Billing' } });
    expect(cxone.calls.loginAgent).toBe(1);
  });
});
