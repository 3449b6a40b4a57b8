import { createStoreHealth, StoreDownError, storeReason } from '../../src/slack/store-health';
import { StoreUnavailableError } from '../../src/store';

/** The store-health signal: down after a failed call, up again after a call or a ping succeeds. */

describe('the store health signal', () => {
  it('turns red on a failed call, with a reason safe to show, and green again on a successful ping', async () => {
    let up = false;
    const health = createStoreHealth({ ping: async () => up });
    const failing = health.run(() =>
      Promise.reject(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    );
    await expect(failing).rejects.toThrow(StoreDownError);
    await expect(failing).rejects.toMatchObject({
      reason: 'terminating connection due to administrator command (57P01)',
    });
    expect(health.healthy()).toBe(false);

    expect(await health.check()).toBe(false);
    up = true;
    expect(await health.check()).toBe(true);
    expect(health.healthy()).toBe(true);
  });

  it('turns green after any successful call', async () => {
    const health = createStoreHealth(undefined);
    health.failed(new Error('x'));
    expect(health.healthy()).toBe(false);
    expect(await health.run(async () => 42)).toBe(42);
    expect(health.healthy()).toBe(true);
  });

  it('keeps the redacted DATABASE_URL of a StoreUnavailableError and clips long driver messages', () => {
    const err = new StoreUnavailableError(
      'postgres://app:***@db/agentstate',
      'cannot open the database: timeout',
    );
    expect(storeReason(err)).toBe(
      'DATABASE_URL (postgres://app:***@db/agentstate): cannot open the database: timeout',
    );
    expect(storeReason(new Error('x'.repeat(500))).length).toBe(200);
  });
});
