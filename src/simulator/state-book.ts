import { ChangeLog } from './change-log';
import type { SimAgentState } from './types';

/**
 * Agent states with two views, like the real system:
 * - the *write model* (what the server has accepted) decides 409 conflicts, so a login still propagating
 *   blocks a second, conflicting one, and an accepted logout frees the skill at once;
 * - the *read model* (what GETs return) lags by the propagation delay.
 * Visibility is computed from timestamps on every read; nothing runs on a timer.
 */
interface Entry {
  state: SimAgentState;
  /** Epoch ms from which reads include the state. */
  visibleAt: number;
  /** Epoch ms from which reads no longer include it; set once a logout is accepted. */
  removedAt?: number;
}

const isVisible = (e: Entry, now: number) =>
  e.visibleAt <= now && (e.removedAt === undefined || e.removedAt > now);

export class StateBook {
  private readonly entries = new Map<string, Entry[]>();
  /** When each change becomes visible. Lets `updatedSince` avoid scanning 10,000 agents. */
  private readonly changes = new ChangeLog();

  visible(agentId: string, now: number): SimAgentState[] {
    const list = this.entries.get(agentId);
    if (!list) return [];
    return list.filter((e) => isVisible(e, now)).map((e) => e.state);
  }

  /** Accepted and not logged out: visible or still propagating. */
  held(agentId: string): SimAgentState[] {
    return (this.entries.get(agentId) ?? []).filter((e) => e.removedAt === undefined).map((e) => e.state);
  }

  login(state: SimAgentState, now: number, visibleAt: number): void {
    this.prune(state.agentId, now);
    this.listFor(state.agentId).push({ state, visibleAt });
    this.record(state.agentId, visibleAt);
  }

  /**
   * Logs out the visible state with this id. Returns false when there is none (a login still propagating
   * cannot be deleted yet). A second DELETE while the first propagates answers like the first.
   */
  logout(agentId: string, stateId: string, now: number, removedAt: number): boolean {
    const entry = this.entries.get(agentId)?.find((e) => e.state.stateId === stateId && isVisible(e, now));
    if (!entry) return false;
    if (entry.removedAt === undefined) {
      entry.removedAt = removedAt;
      this.record(agentId, removedAt);
    }
    return true;
  }

  /** Replaces everything the agent holds, visible at once (the /__sim/ control endpoint). */
  replace(agentId: string, states: SimAgentState[], now: number): void {
    if (states.length === 0) this.entries.delete(agentId);
    else
      this.entries.set(
        agentId,
        states.map((state) => ({ state, visibleAt: now })),
      );
    this.record(agentId, now);
  }

  /** Every visible state of the tenant. */
  all(now: number): SimAgentState[] {
    const out: SimAgentState[] = [];
    for (const list of this.entries.values()) for (const e of list) if (isVisible(e, now)) out.push(e.state);
    return out;
  }

  /** Agents whose visible states changed in (since, now]: their states, or their id in `removed`. */
  changedSince(since: number, now: number): { states: SimAgentState[]; removed: string[] } {
    const agents = this.changes.agentsChangedSince(since, now);
    const states: SimAgentState[] = [];
    const removed: string[] = [];
    for (const agentId of agents) {
      const visible = this.visible(agentId, now);
      if (visible.length === 0) removed.push(agentId);
      else states.push(...visible);
    }
    return { states, removed };
  }

  /** Remembers that a poll answered with `lastPollTime = now`. */
  polled(now: number): void {
    this.changes.polled(now);
  }

  private listFor(agentId: string): Entry[] {
    let list = this.entries.get(agentId);
    if (!list) {
      list = [];
      this.entries.set(agentId, list);
    }
    return list;
  }

  private prune(agentId: string, now: number): void {
    const list = this.entries.get(agentId);
    const kept = list?.filter((e) => e.removedAt === undefined || e.removedAt > now) ?? [];
    if (kept.length > 0) this.entries.set(agentId, kept);
    else this.entries.delete(agentId);
  }

  private record(agentId: string, at: number): void {
    this.changes.record(agentId, at);
  }
}
