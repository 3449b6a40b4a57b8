import { createSeenRequests, REPLAY_MEMORY_MS } from '../../src/slack/replays';

describe('createSeenRequests', () => {
  it('when a key comes again within the memory window, then it is not the first time; after it, it is', () => {
    let now = 0;
    const seen = createSeenRequests(() => now);
    expect(seen.firstTime('click:U1:login:1700000000.000100')).toBe(true);
    now += REPLAY_MEMORY_MS - 1;
    expect(seen.firstTime('click:U1:login:1700000000.000100')).toBe(false);
    expect(seen.firstTime('click:U1:login:1700000000.000200')).toBe(true);
    now += 1;
    expect(seen.firstTime('click:U1:login:1700000000.000100')).toBe(true);
  });

  it('covers the whole time a signed request is accepted: five minutes either side of its timestamp', () => {
    expect(REPLAY_MEMORY_MS).toBe(10 * 60 * 1000);
  });
});
