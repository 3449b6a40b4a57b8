import type { StateKind } from '../sessions/model';

/**
 * The floor: every agent of a team (incontact) or skill (v2) at a glance, grouped by what they are doing,
 * with the bulk fixes the dialect allows. Built from one bulk read of states plus cached directory data.
 */

export interface FloorAgent {
  id: string;
  name: string;
  email?: string;
  kind: StateKind;
  /** The state as a supervisor reads it: "Available", "Unavailable", "Inbound contact", an activity name. */
  label: string;
  reason?: string;
  /** When the agent entered this state; unknown for an agent the bulk read did not list. */
  since?: Date;
}

export type FloorGroupKey = 'unavailable' | 'no_state' | 'logged_out' | 'working' | 'available';

export interface FloorGroup {
  key: FloorGroupKey;
  /** "Unavailable — Lunch", "Logged out", "Available". */
  title: string;
  /** Set on unavailable groups: one group per reason ("" = no reason). */
  reason?: string;
  /** Longest in this state first. */
  agents: FloorAgent[];
}

export type BulkFixId = 'make_available' | 'log_in_logged_out' | 'ask_logged_out' | 'log_back_in_watched';

export interface BulkFix {
  id: BulkFixId;
  /** "Make the 4 agents unavailable without a reason available". */
  label: string;
  agents: FloorAgent[];
}

export interface FloorScope {
  kind: 'team' | 'skill';
  id: string;
  name: string;
}

export interface Floor {
  scope: FloorScope;
  groups: FloorGroup[];
  counts: Record<FloorGroupKey, number>;
  total: number;
  /** When CXone was read (the card says how fresh its data is). */
  readAt: Date;
  fixes: BulkFix[];
}

/** One line per team or skill when no scope is named. */
export interface FloorSummaryRow {
  scope: FloorScope;
  counts: Record<FloorGroupKey, number>;
  total: number;
}

export interface FloorSummary {
  kind: 'summary';
  rows: FloorSummaryRow[];
  readAt: Date;
}

/** Raised before anything is read further when the team or skill named is unknown. */
export class UnknownScopeError extends Error {
  override readonly name = 'UnknownScopeError';
  constructor(
    readonly scopeKind: 'team' | 'skill',
    readonly value: string,
    readonly options: string[],
  ) {
    super(`no ${scopeKind} is called "${value}"; ${scopeKind}s: ${options.join(', ') || '(none)'}`);
  }
}
