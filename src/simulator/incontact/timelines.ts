import { ChangeLog } from '../change-log';
import { HISTORY_LIMIT } from './decisions';
import type { StateEntry } from './types';

/**
 * Each agent's states over time, oldest first. An entry counts from `at`, the moment it becomes visible;
 * entries still in the future are accepted but propagating. So the *write model* (what the server has
 * accepted, which decides refusals) is the last entry, and the *read model* (what GETs show) is the last
 * entry with `at <= now`. Nothing runs on a timer.
 */
export class Timelines {
  private readonly changes = new ChangeLog();

  constructor(private readonly byAgent: Map<number, StateEntry[]>) {
    // The change log wants time order; seeding agent by agent is not, so sort once.
    const seeded: Array<[number, number]> = [];
    for (const [agentId, entries] of byAgent) for (const e of entries) seeded.push([e.at, agentId]);
    seeded.sort((a, b) => a[0] - b[0]);
    for (const [at, agentId] of seeded) this.changes.record(String(agentId), at);
  }

  /** The last accepted state, visible or not. */
  latest(agentId: number): StateEntry {
    return this.entries(agentId).at(-1) as StateEntry;
  }

  /** What reads show now. */
  visible(agentId: number, now: number): StateEntry {
    const entries = this.entries(agentId);
    for (let i = entries.length - 1; i > 0; i--)
      if ((entries[i] as StateEntry).at <= now) return entries[i] as StateEntry;
    return entries[0] as StateEntry;
  }

  /**
   * Accepts a state visible from `at`. Never before the last accepted one: when the delay was shortened
   * while an earlier change propagates, the later change still comes after it.
   */
  append(agentId: number, entry: Omit<StateEntry, 'at'>, at: number): StateEntry {
    const entries = this.entries(agentId);
    const after = Math.max(at, (entries.at(-1) as StateEntry).at);
    const added: StateEntry = { ...entry, at: this.changes.record(String(agentId), after) };
    entries.push(added);
    if (entries.length > HISTORY_LIMIT) entries.splice(0, entries.length - HISTORY_LIMIT);
    return added;
  }

  /** Forgets accepted states not yet visible: a control that sets a state "at once" supersedes them. */
  dropPending(agentId: number, now: number): void {
    const entries = this.entries(agentId);
    while (entries.length > 1 && (entries.at(-1) as StateEntry).at > now) entries.pop();
  }

  /** Agents whose visible state changed in (since, now]. */
  changedSince(since: number, now: number): number[] {
    return [...this.changes.agentsChangedSince(since, now)].map(Number);
  }

  /** Remembers that a poll answered with `lastPollTime = now` (see ChangeLog). */
  polled(now: number): void {
    this.changes.polled(now);
  }

  /** Visible entries overlapping [from, to], each with when it ended (`undefined`: it is the current one). */
  history(
    agentId: number,
    from: number,
    to: number,
    now: number,
  ): Array<{ entry: StateEntry; end?: number }> {
    const entries = this.entries(agentId);
    const out: Array<{ entry: StateEntry; end?: number }> = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as StateEntry;
      if (entry.at > now || entry.at > to) break;
      const next = entries[i + 1];
      const end = next && next.at <= now ? next.at : undefined;
      if ((end ?? now) >= from) out.push({ entry, end });
    }
    return out;
  }

  private entries(agentId: number): StateEntry[] {
    const entries = this.byAgent.get(agentId);
    if (!entries?.length) throw new Error(`agent ${agentId} has no timeline`);
    return entries;
  }
}
