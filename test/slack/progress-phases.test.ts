import type { LoginProgress } from '../../src/agentstate/types';
import type { Card } from '../../src/slack/blocks';
import { progressView } from '../../src/slack/blocks/progress-card';
import { createProgressReporter } from '../../src/slack/progress-reporter';
import { ada, silentLogger, target } from './fixtures';

/** Progress that names its phase, never counts backwards, and never freezes on a stale counter. */

const salesEn = { ...target().skill, name: 'Sales EN' };
const poll = (attempt: number): LoginProgress => ({
  type: 'polling',
  attempt,
  elapsedMs: attempt * 700,
  timeoutMs: 15_000,
});
const SWITCH: LoginProgress[] = [
  { type: 'logging_out', skillName: 'Sales ES' },
  poll(1),
  poll(2),
  { type: 'checking' },
  { type: 'posting', target: target({ skill: salesEn }) },
  { type: 'posted', elapsedMs: 120 },
  ...Array.from({ length: 12 }, (_, i) => poll(i + 1)),
];

describe('the progress card of a switch', () => {
  it('names each phase, says what is done, and shows the deadline instead of a counter', () => {
    const render = progressView('switch', 'U1');
    const texts = SWITCH.map((e) => render(ada, e).text);
    expect(texts[0]).toContain('logging out of Sales ES…');
    expect(texts[1]).toContain('logging out of Sales ES · waiting for CXone to show it (up to 15.0 s)');
    expect(texts[4]).toContain('Logged out of Sales ES ✓ · logging in to Sales EN…');
    expect(texts.at(-1)).toContain(
      'Logged out of Sales ES ✓ · logging in to Sales EN · waiting for CXone to show it (up to 15.0 s)',
    );
    for (const t of texts) expect(t).not.toMatch(/checking \d|\d+(\.\d)? s of /);
    // Polls of one phase read the same: nothing that could freeze or run backwards.
    expect(new Set(texts.slice(6)).size).toBe(1);
  });

  it('words the first card as started, since beside a channel message it stays above the result', () => {
    expect(progressView('login', 'U1')(ada).text).toBe(
      'Logging in Ada Lovelace… started; the result follows.',
    );
  });
});

describe('spending the few updates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the latest phase once the interval has passed, and no update for polls that change nothing', async () => {
    let now = 0;
    const sent: string[] = [];
    const render = progressView('switch', 'U1');
    const reporter = createProgressReporter({
      respond: async (c: Card) => {
        sent.push(c.text);
      },
      render: (e?: LoginProgress) => render(ada, e),
      now: () => now,
      logger: silentLogger,
    });
    await reporter.start();
    // The logout and the start of the login all happen within the first second.
    for (const e of SWITCH.slice(0, 5)) {
      now += 100;
      reporter.onProgress(e);
    }
    now = 1000;
    jest.advanceTimersByTime(1000);
    // 13 s of polls: the card already says what is going on; nothing else is worth an update.
    for (const e of SWITCH.slice(5)) {
      now += 1000;
      reporter.onProgress(e);
    }
    await reporter.finish({ text: 'result', blocks: [] } as unknown as Card);
    expect(sent).toEqual([
      'Switching skill Ada Lovelace… started; the result follows.',
      'Switching skill Ada Lovelace… Logged out of Sales ES ✓ · logging in to Sales EN…',
      'Switching skill Ada Lovelace… Logged out of Sales ES ✓ · logging in to Sales EN · CXone accepted it, waiting for it to show…',
      'result',
    ]);
  });
});
