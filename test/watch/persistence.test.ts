import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { agent, watch } from './fakes';
import { engineHarness } from './harness';

const ANA = agent(1);

describe('watch engine: restart on a file database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentstate-watch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps subscriptions, last known states and open notices across a store reopen', async () => {
    const url = `sqlite:${join(dir, 'watch.db')}`;
    const first = await engineHarness({ store: await openStore(url) });
    first.cxone.login(ANA);
    await watch(first.store, 'C1', ANA, 'Ana Lima');
    await first.engine.runCycle();
    await first.store.close();

    // A new process: new store connection, new engine, same CXone tenant.
    first.cxone.logout(ANA);
    const second = await engineHarness({ store: await openStore(url), cxone: first.cxone });
    try {
      expect(await second.store.subscriptions.listAll()).toEqual([
        expect.objectContaining({ channelId: 'C1', agentId: ANA, agentName: 'Ana Lima' }),
      ]);
      expect(await second.engine.runCycle()).toMatchObject({ drops: 1, cxoneCalls: 1 });
      expect(first.cxone.sinceSeen.at(-1)).toBeDefined(); // resumed from the saved cursor, not a snapshot
      const dropTs = second.notifier.posted[0]!.messageTs;
      await second.store.close();

      first.cxone.login(ANA);
      const third = await engineHarness({ store: await openStore(url), cxone: first.cxone });
      await third.engine.runCycle();
      expect(third.notifier.returnedCalls).toEqual([
        { channelId: 'C1', returns: [expect.objectContaining({ agentId: ANA, messageTs: dropTs })] },
      ]);
      await third.store.close();
    } finally {
      await second.store.close();
    }
  });
});
