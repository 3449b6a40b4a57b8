import fc from 'fast-check';
import { parseRetryAfter } from '../../src/cxone';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('Retry-After parsing', () => {
  it('reads delay-seconds as milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it('reads an HTTP-date as the time until then on the injected clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 * 365 }), (seconds) => {
        const header = new Date(NOW + seconds * 1000).toUTCString();
        expect(parseRetryAfter(header, NOW)).toBe(seconds * 1000);
      }),
    );
  });

  it('treats a date in the past as "no wait"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86_400 * 365 }), (seconds) => {
        expect(parseRetryAfter(new Date(NOW - seconds * 1000).toUTCString(), NOW)).toBe(0);
      }),
    );
  });

  it('never yields a negative or non-finite wait, whatever the header says', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const ms = parseRetryAfter(header, NOW);
        if (ms !== undefined) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it.each([undefined, null, '', '  ', '-5', '1.5', 'soon', 'Wed, 99 Foo 2025'])(
    'ignores %p so the caller falls back to its own backoff',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );
});
