import { NotFoundError } from '../../src/cxone/errors';
import { ids, jane, setup } from './tenant';

describe('logging an agent out', () => {
  it('deletes the state of the named skill and waits until it is gone', async () => {
    const { service, cxone } = setup({ propagationDelayMs: 1_000 });
    cxone.seedState(ids.jane, ids.sales);
    cxone.seedState(ids.jane, ids.support);
    const outcome = await service.logout(jane, 'sales');
    if (outcome.kind !== 'logged_out') throw new Error(`expected logged_out, got ${outcome.kind}`);
    expect(outcome.removed.map((s) => s.skillName)).toEqual(['Sales']);
    expect(outcome.verifyMs - 1_000).toBeLessThanOrEqual(300);
    expect(cxone.visibleStates(ids.jane).map((s) => s.skillId)).toEqual([ids.support]);
  });

  it('without a skill, logs out of every state', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.sales);
    cxone.seedState(ids.jane, ids.support);
    const outcome = await service.logout(jane);
    expect(outcome).toMatchObject({ kind: 'logged_out' });
    expect(cxone.calls.logoutAgent).toBe(2);
    expect(cxone.visibleStates(ids.jane)).toEqual([]);
  });

  it('when the agent is not in that skill, then it says so by name and deletes nothing', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.support);
    await expect(service.logout(jane, ids.sales)).resolves.toEqual({
      kind: 'not_logged_in',
      agent: jane,
      skillName: 'Sales',
    });
    expect(cxone.calls.logoutAgent).toBe(0);
  });

  it('treats a 404 on DELETE as already logged out', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.sales);
    cxone.fail('logoutAgent', new NotFoundError('not logged in', 'state', ids.salesLoggedIn), {
      afterEffect: true,
    });
    await expect(service.logout(jane, 'Sales')).resolves.toMatchObject({ kind: 'logged_out' });
  });

  it('when the state is still there at the deadline, then the logout is not confirmed', async () => {
    const { service, cxone } = setup({ propagationDelayMs: 30_000 });
    cxone.seedState(ids.jane, ids.sales);
    const outcome = await service.logout(jane, 'Sales', { timeoutMs: 3_000 });
    expect(outcome).toMatchObject({
      kind: 'not_confirmed',
      verifyMs: 3_000,
      explanation: expect.stringContaining('still showed there after 3 s'),
    });
  });
});
