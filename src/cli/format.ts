import { inlineSafe } from './io';

/** Small text helpers for terminal output: durations, tables, ticks. */

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.floor(s % 60)}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}

/** A table with aligned columns. Cells are one line each, whatever the text from CXone holds. */
export function table(headers: string[], given: string[][]): string {
  const rows = given.map((row) => row.map(inlineSafe));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const TICK = { pass: '✓', fail: '✗', warn: '!', skipped: '-' } as const;

/**
 * A time for people at a terminal, in their local zone: "14:05" today, "Mon 30 Nov 14:05" otherwise.
 */
export function formatLocalTime(at: Date, now: Date = new Date()): string {
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  const day = at.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day} ${time}`;
}
