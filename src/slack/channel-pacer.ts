import type { Clock } from '../agentstate/ports';

/**
 * Slack allows about one message per second per channel (bursts are tolerated briefly, then 429). Watch
 * notices for one channel therefore go through a queue that starts a post no sooner than `intervalMs` after
 * the previous one started; other channels are not held up. Time comes from the injected clock, so tests
 * check the pacing without waiting.
 */
export interface ChannelPacer {
  run<T>(channel: string, post: () => Promise<T>): Promise<T>;
}

export const CHANNEL_MESSAGE_INTERVAL_MS = 1000;

export function createChannelPacer(clock: Clock, intervalMs = CHANNEL_MESSAGE_INTERVAL_MS): ChannelPacer {
  const queues = new Map<string, { tail: Promise<unknown>; nextAt: number; pending: number }>();
  return {
    run(channel, post) {
      const q = queues.get(channel) ?? { tail: Promise.resolve(), nextAt: 0, pending: 0 };
      queues.set(channel, q);
      q.pending++;
      const turn = q.tail.then(async () => {
        const wait = q.nextAt - clock.now();
        if (wait > 0) await clock.sleep(wait);
        q.nextAt = clock.now() + intervalMs;
        return post();
      });
      // The queue continues after a failed post; the failure goes to this caller only.
      q.tail = turn.catch(() => undefined);
      return turn.finally(() => {
        // Forget idle channels, unless the last post was so recent that the next one must still wait.
        if (--q.pending === 0 && q.nextAt <= clock.now()) queues.delete(channel);
      });
    },
  };
}
