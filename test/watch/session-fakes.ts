import type { AgentStateName, AgentStatus, StatesSince } from '../../src/agentstate/sessions/model';
import { stateKindOf } from '../../src/agentstate/sessions/model';
import type { SessionCxonePort } from '../../src/agentstate/sessions/port';
import {
  createSessionWatchEngine,
  type SessionDropEvent,
  type SessionReturnEvent,
  type SessionWatchEngineOptions,
  type SessionWatchNotifier,
  type WatchEngine,
} from '../../src/agentstate/watch';
import { NotFoundError } from '../../src/cxone/errors';
import type { Store } from '../../src/store';
import { FakeClock } from '../agentstate/fake-clock';
import { memoryStore } from './fakes';
import { silentLogger } from './harness';

type Reads = Pick<SessionCxonePort, 'getAllAgentStates' | 'getAgentState'>;
type Method = keyof Reads;

const EPOCH = Date.parse('2025-03-01T09:00:00.000Z');

/**
 * A real tenant's state reads over an in-memory tenant (the incontact dialect): one state per agent,
 * LoggedOut included. Every change bumps a version; `lastPollTime` encodes the version as a time, so
 * `updatedSince` returns exactly the agents changed after the previous poll, and "nothing changed" comes
 * back as `unchanged` — as the client maps a 200-empty, 204 or 304.
 */
export class SessionTenant implements Reads {
  readonly calls: Record<Method, number> = { getAllAgentStates: 0, getAgentState: 0 };
  readonly sinceSeen: Array<string | undefined> = [];
  /** Agents the API user may not see: left out of bulk reads. */
  readonly hidden = new Set<string>();
  private readonly states = new Map<string, AgentStatus>();
  private readonly changedAt = new Map<string, number>();
  private version = 0;
  private readonly faults: Array<{ method: Method; error: Error }> = [];

  set(agentId: string, state: AgentStateName, extra: Partial<AgentStatus> = {}): void {
    this.version++;
    const since = new Date(EPOCH + this.version * 1000);
    this.states.set(agentId, { agentId, state, kind: stateKindOf(state), since, ...extra });
    this.changedAt.set(agentId, this.version);
  }

  logIn(agentId: string, state: AgentStateName = 'Available'): void {
    this.set(agentId, state);
  }

  logOut(agentId: string): void {
    this.set(agentId, 'LoggedOut');
  }

  /** The next call of `method` fails with `error` (queued in order). */
  failNext(method: Method, error: Error): void {
    this.faults.push({ method, error });
  }

  async getAllAgentStates(updatedSince?: string): Promise<StatesSince> {
    this.sinceSeen.push(updatedSince);
    this.enter('getAllAgentStates');
    const lastPollTime = new Date(EPOCH + this.version).toISOString();
    const visible = [...this.states.values()].filter((s) => !this.hidden.has(s.agentId));
    if (updatedSince === undefined) return { states: visible, lastPollTime, unchanged: false };
    const since = Date.parse(updatedSince) - EPOCH;
    const changed = visible.filter((s) => (this.changedAt.get(s.agentId) ?? 0) > since);
    // As the client answers "no change": the caller's own watermark back.
    if (changed.length === 0) return { states: [], lastPollTime: updatedSince, unchanged: true };
    return { states: changed, lastPollTime, unchanged: false };
  }

  async getAgentState(agentId: string): Promise<AgentStatus> {
    this.enter('getAgentState');
    const status = this.states.get(agentId);
    if (!status) throw new NotFoundError('Invalid Agent Id', 'agent', agentId, { status: 404 });
    return { ...status };
  }

  private enter(method: Method): void {
    this.calls[method]++;
    const i = this.faults.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [fault] = this.faults.splice(i, 1);
      throw fault!.error;
    }
  }
}

/**
 * Records what the engine hands to Slack; posts get increasing ts, a call can be made to fail, and (like
 * the Slack notifier's contract allows) a redelivered notice already posted is answered with its old ts.
 */
export class SessionRecordingNotifier implements SessionWatchNotifier {
  readonly droppedCalls: Array<{ channelId: string; drops: SessionDropEvent[] }> = [];
  readonly returnedCalls: Array<{ channelId: string; returns: SessionReturnEvent[] }> = [];
  readonly posted: Array<{ channelId: string; agentId: string; at: number; messageTs: string }> = [];
  failDropped: Error | undefined;
  failReturned: Error | undefined;
  private ts = 0;

  async dropped(channelId: string, drops: SessionDropEvent[]) {
    this.droppedCalls.push({ channelId, drops });
    if (this.failDropped) throw this.failDropped;
    const messageTs = `1700000000.${String(++this.ts).padStart(6, '0')}`;
    return drops.map((d) => {
      const earlier = d.redelivery
        ? this.posted.find(
            (p) => p.channelId === channelId && p.agentId === d.agentId && p.at === d.at.getTime(),
          )
        : undefined;
      if (earlier) return { agentId: earlier.agentId, messageTs: earlier.messageTs };
      this.posted.push({ channelId, agentId: d.agentId, at: d.at.getTime(), messageTs });
      return { agentId: d.agentId, messageTs };
    });
  }

  async returned(channelId: string, returns: SessionReturnEvent[]) {
    this.returnedCalls.push({ channelId, returns });
    if (this.failReturned) throw this.failReturned;
  }
}

export interface SessionEngineHarness {
  cxone: SessionTenant;
  store: Store;
  notifier: SessionRecordingNotifier;
  clock: FakeClock;
  engine: WatchEngine;
}

/** A fresh incontact engine over an in-memory SQLite store, a fake tenant and a recording notifier. */
export async function sessionEngineHarness(
  overrides: Partial<Omit<SessionWatchEngineOptions, 'cxone' | 'store'>> & {
    cxone?: SessionTenant;
    store?: Store;
  } = {},
): Promise<SessionEngineHarness> {
  const cxone = overrides.cxone ?? new SessionTenant();
  const notifier = new SessionRecordingNotifier();
  const clock = new FakeClock();
  const store = overrides.store ?? (await memoryStore());
  const engine = createSessionWatchEngine({
    cxone,
    store,
    notifier,
    clock,
    logger: silentLogger,
    ...overrides,
  });
  return { cxone, store, notifier, clock, engine };
}
