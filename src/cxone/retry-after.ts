/**
 * `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns how long to wait in ms,
 * relative to `nowMs` (the injected clock, so tests are deterministic), or undefined when the header is
 * absent or unreadable — the caller then falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only attempt a date when it looks like one; Date.parse accepts odd strings such as "1.5".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  // A date in the past means "now": wait nothing rather than a negative amount.
  return Math.max(0, at - nowMs);
}
