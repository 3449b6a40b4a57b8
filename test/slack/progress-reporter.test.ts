import type { LoginProgress } from '../../src/agentstate/types';
import { type Card, card as makeCard, md } from '../../src/slack/blocks/kit';
import { createProgressReporter } from '../../src/slack/progress-reporter';
import { silentLogger } from './fixtures';

const card = (text: string): Card => makeCard(md`${text}`, []);
const polling = (attempt: number): LoginProgress => ({
  type: 'polling',
  attempt,
  elapsedMs: attempt * 500,
  timeoutMs: 15_000,
});

function setup(respond = jest.fn(async (_c: Card, _o?: { replace?: boolean }) => {})) {
  let now = 0;
  const reporter = createProgressReporter({
    respond,
    render: (e) => card(e?.type === 'polling' ? `poll ${e.attempt}` : 'start'),
    now: () => now,
    logger: silentLogger,
  });
  return {
    reporter,
    respond,
    tick: (ms: number) => (now += ms),
    texts: () => respond.mock.calls.map(([c]) => c.text),
  };
}

describe('live progress in the clicked message', () => {
  it('sends at most one update per second and at most two, so a response_url’s five uses suffice', async () => {
    const { reporter, tick, texts, respond } = setup();
    await reporter.start();
    reporter.onProgress(polling(1));
    tick(1000);
    reporter.onProgress(polling(2));
    tick(300);
    reporter.onProgress(polling(3));
    tick(1000);
    reporter.onProgress(polling(4));
    tick(1000);
    reporter.onProgress(polling(5));
    await reporter.finish(card('result'));
    expect(texts()).toEqual(['start', 'poll 2', 'poll 4', 'result']);
    expect(respond.mock.calls.every(([, opts]) => opts?.replace === true)).toBe(true);
  });

  it('never lets a slow progress update land after the result', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    let blocked: () => void = () => {};
    const started = new Promise<void>((r) => (blocked = r));
    const respond = jest.fn(async (c: Card) => {
      if (c.text === 'poll 1') {
        blocked();
        await new Promise<void>((r) => (release = r));
      }
      order.push(c.text);
    });
    const { reporter, tick } = setup(respond);
    await reporter.start();
    tick(1000);
    reporter.onProgress(polling(1));
    const done = reporter.finish(card('result'));
    await started;
    expect(order).toEqual(['start']);
    release();
    await done;
    expect(order).toEqual(['start', 'poll 1', 'result']);
  });

  it('ignores progress after the result and reports a result that could not be delivered', async () => {
    const respond = jest.fn(async (c: Card) => {
      if (c.text === 'result') throw new Error('used_url');
    });
    const { reporter, tick, texts } = setup(respond);
    await reporter.start();
    await expect(reporter.finish(card('result'))).rejects.toThrow('used_url');
    tick(5000);
    reporter.onProgress(polling(9));
    expect(texts()).toEqual(['start', 'result']);
  });
});
