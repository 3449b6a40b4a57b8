import type { AgentState, BulkStates } from '../../src/agentstate/model';
import type { DropEvent, ReturnEvent, WatchNotifier } from '../../src/agentstate/watch';
import type { StatesReader } from '../../src/agentstate/watch/fetch-states';
import { openStore, type Store } from '../../src/store';

export const SALES = '5a1e5000-0000-4000-8000-000000000001';
export const SUPPORT = '5a1e5000-0000-4000-8000-000000000002';
const LOGGED_IN = '57a7e000-0000-4000-8000-000000000001';
const AVAILABLE = 'ac710000-0000-4000-8000-000000000001';
const EPOCH = Date.parse('2025-03-01T09:00:00.000Z');

/** Deterministic agent ids: `agent(7)` → `00000000-0000-4000-8000-000000000007`. */
export const agent = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function loggedIn(
  agentId: string,
  skillId = SALES,
  loginTime = '2025-03-01T08:00:00.000Z',
): AgentState {
  return { agentId, skillId, stateId: LOGGED_IN, activityId: AVAILABLE, loginTime };
}

type Method = keyof StatesReader;

/**
 * CXone's agent-state reads over an in-memory tenant, fast enough for 10,000 agents. Every change bumps a
 * version; `lastPollTime` encodes the version as a time, so `updatedSince` returns exactly the agents
 * changed after the previous poll (like the real endpoint). Faults and in-flight counts are observable.
 */
export class TenantStates implements StatesReader {
  readonly calls: Record<Method, number> = { getAllAgentStates: 0, getAgentStates: 0 };
  readonly sinceSeen: Array<string | undefined> = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Fails every bulk call with this error while set (a client without access to the route). */
  bulkError: Error | undefined;
  private readonly states = new Map<string, AgentState[]>();
  private readonly changedAt = new Map<string, number>();
  private version = 0;
  private readonly faults: Array<{ method: Method; error: Error }> = [];

  set(agentId: string, states: AgentState[]): void {
    if (states.length) this.states.set(agentId, states);
    else this.states.delete(agentId);
    this.changedAt.set(agentId, ++this.version);
  }

  login(agentId: string, skillId = SALES): void {
    this.set(agentId, [loggedIn(agentId, skillId, new Date(EPOCH + this.version * 1000).toISOString())]);
  }

  logout(agentId: string): void {
    this.set(agentId, []);
  }

  /** The next call of `method` fails with `error` (queued in order). */
  failNext(method: Method, error: Error): void {
    this.faults.push({ method, error });
  }

  async getAllAgentStates(updatedSince?: string): Promise<BulkStates> {
    this.sinceSeen.push(updatedSince);
    await this.enter('getAllAgentStates');
    if (this.bulkError) throw this.bulkError;
    const lastPollTime = new Date(EPOCH + this.version).toISOString();
    if (updatedSince === undefined)
      return { states: [...this.states.values()].flat(), removed: [], lastPollTime };
    const since = Date.parse(updatedSince) - EPOCH;
    const out: BulkStates = { states: [], removed: [], lastPollTime };
    for (const [agentId, at] of this.changedAt) {
      if (at <= since) continue;
      const now = this.states.get(agentId);
      if (now) out.states.push(...now);
      else out.removed.push(agentId);
    }
    return out;
  }

  async getAgentStates(agentId: string): Promise<AgentState[]> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve)); // let other reads start: concurrency shows
      await this.enter('getAgentStates');
      return [...(this.states.get(agentId) ?? [])];
    } finally {
      this.inFlight--;
    }
  }

  private async enter(method: Method): Promise<void> {
    this.calls[method]++;
    const i = this.faults.findIndex((f) => f.method === method);
    if (i >= 0) {
      const [fault] = this.faults.splice(i, 1);
      throw fault!.error;
    }
  }
}

/**
 * Records what the engine hands to Slack. Posts get increasing ts; one call can be made to fail. Like a
 * careful Slack notifier, it does not post a redelivered notice it has already posted (same agent and
 * drop time), which is how the engine's `redelivery` flag is meant to be used.
 */
export class RecordingNotifier implements WatchNotifier {
  readonly droppedCalls: Array<{ channelId: string; drops: DropEvent[] }> = [];
  readonly returnedCalls: Array<{ channelId: string; returns: ReturnEvent[] }> = [];
  /** Every message that reached the channel (drops only; returns are thread replies). */
  readonly posted: Array<{ channelId: string; agentId: string; at: number; messageTs: string }> = [];
  failDropped: Error | undefined;
  failReturned: Error | undefined;
  private ts = 0;

  async dropped(channelId: string, drops: DropEvent[]) {
    this.droppedCalls.push({ channelId, drops });
    if (this.failDropped) throw this.failDropped;
    return drops.map((d) => {
      const earlier = d.redelivery
        ? this.posted.find(
            (p) => p.channelId === channelId && p.agentId === d.agentId && p.at === d.at.getTime(),
          )
        : undefined;
      if (earlier) return { agentId: earlier.agentId, messageTs: earlier.messageTs };
      const messageTs = `1700000000.${String(++this.ts).padStart(6, '0')}`;
      const message = { channelId, agentId: d.agentId, at: d.at.getTime(), messageTs };
      this.posted.push(message);
      return { agentId: message.agentId, messageTs: message.messageTs };
    });
  }

  async returned(channelId: string, returns: ReturnEvent[]) {
    this.returnedCalls.push({ channelId, returns });
    if (this.failReturned) throw this.failReturned;
  }

  reset(): void {
    this.droppedCalls.length = 0;
    this.returnedCalls.length = 0;
  }
}

export async function memoryStore(): Promise<Store> {
  return openStore('sqlite::memory:');
}

export async function watch(
  store: Store,
  channelId: string,
  agentId: string,
  agentName = `Agent ${agentId.slice(-4)}`,
) {
  await store.subscriptions.add({ channelId, agentId, agentName, createdBy: 'U1' });
}
