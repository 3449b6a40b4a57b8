import type { webApi } from '@slack/bolt';
import { createSupervisorCheck } from '../../src/slack/supervisors';
import { silentLogger } from './fixtures';

function clientWith(list: jest.Mock): webApi.WebClient {
  return { usergroups: { users: { list } } } as unknown as webApi.WebClient;
}

describe('who may change agent states', () => {
  it('allows listed user ids without asking Slack and refuses everyone else when there is no group', async () => {
    const list = jest.fn();
    const check = createSupervisorCheck({
      userIds: ['U1'],
      usergroupId: undefined,
      client: clientWith(list),
      logger: silentLogger,
    });
    expect(await check.authorise('U1')).toBe('allowed');
    expect(await check.authorise('U2')).toBe('refused');
    expect(list).not.toHaveBeenCalled();
  });

  it('allows members of the user group, reading the member list once for concurrent clicks and caching it', async () => {
    let now = 0;
    const list = jest.fn(async () => ({ ok: true, users: ['U7'] }));
    const check = createSupervisorCheck({
      userIds: [],
      usergroupId: 'S1',
      client: clientWith(list),
      logger: silentLogger,
      ttlMs: 60_000,
      now: () => now,
    });
    expect(await Promise.all([check.authorise('U7'), check.authorise('U8')])).toEqual(['allowed', 'refused']);
    expect(list).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledWith({ usergroup: 'S1' });
    now += 59_000;
    await check.authorise('U7');
    expect(list).toHaveBeenCalledTimes(1);
    now += 2_000;
    await check.authorise('U7');
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('answers "unknown" (not "allowed") when Slack cannot list the group, and asks again next time', async () => {
    const list = jest
      .fn()
      .mockRejectedValueOnce(new Error('ratelimited'))
      .mockResolvedValueOnce({ ok: true, users: ['U7'] });
    const check = createSupervisorCheck({
      userIds: [],
      usergroupId: 'S1',
      client: clientWith(list),
      logger: silentLogger,
    });
    expect(await check.authorise('U7')).toBe('unknown');
    expect(await check.authorise('U7')).toBe('allowed');
  });
});
