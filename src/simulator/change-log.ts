/**
 * When each agent's visible state changed, for `updatedSince` polls in both dialects. Changes are logged at
 * the time they become visible; a poll answered at T covers `(updatedSince, T]`. Kept sorted by time so a
 * poll over 10,000 agents does not scan them all.
 */
interface Change {
  at: number;
  agentId: string;
}

export class ChangeLog {
  private readonly changes: Change[] = [];
  /** The newest `lastPollTime` handed out; see `stamp`. */
  private lastPoll = Number.NEGATIVE_INFINITY;

  /** Logs a change visible from `at`; returns the time it was logged at (see `stamp`). */
  record(agentId: string, at: number): number {
    const change = { at: this.stamp(at), agentId };
    // Changes arrive almost in order (delays are equal), so the insertion point is at or near the end.
    let i = this.changes.length;
    while (i > 0 && (this.changes[i - 1] as Change).at > change.at) i--;
    this.changes.splice(i, 0, change);
    return change.at;
  }

  /** Agents with a change in (since, now]. */
  agentsChangedSince(since: number, now: number): Set<string> {
    const agents = new Set<string>();
    for (let i = this.firstAfter(since); i < this.changes.length; i++) {
      const change = this.changes[i] as Change;
      if (change.at > now) break;
      agents.add(change.agentId);
    }
    return agents;
  }

  /** Remembers that a poll answered with `lastPollTime = now`. */
  polled(now: number): void {
    this.lastPoll = Math.max(this.lastPoll, now);
  }

  /**
   * A poll answered at ms T covers changes with `at <= T`, and the next poll asks for `at > T`. A change
   * made later within the same millisecond would fall between the two, so it is logged at T + 1 instead.
   */
  private stamp(at: number): number {
    return Math.max(at, this.lastPoll + 1);
  }

  /** Index of the first change with `at > since` (binary search). */
  private firstAfter(since: number): number {
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.changes[mid] as Change).at > since) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
