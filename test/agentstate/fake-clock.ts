import type { Clock } from '../../src/agentstate/ports';

/** Virtual time: `sleep` advances the clock at once, so a 15 s verification runs in microseconds. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private t = Date.parse('2024-05-01T09:00:00.000Z')) {}

  now(): number {
    return this.t;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
