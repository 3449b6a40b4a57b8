import type { Clock } from '../../../src/agentstate/ports';

/** A clock that only moves when told to, or when something sleeps on it. Records every sleep. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  readonly sleeps: number[];
  totalSlept(): number;
}

export const FAKE_EPOCH = Date.parse('2025-03-01T12:00:00.000Z');

export function createFakeClock(start = FAKE_EPOCH): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    advance(ms) {
      now += ms;
    },
    sleeps,
    totalSlept: () => sleeps.reduce((a, b) => a + b, 0),
  };
}
