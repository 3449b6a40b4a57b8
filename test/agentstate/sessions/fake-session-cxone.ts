import type {
  AgentSearchPage,
  AgentStatus,
  Reason,
  SessionAgent,
  StateHistoryEntry,
  StatesSince,
  StationRef,
} from '../../../src/agentstate/sessions/model';
import { stateKindOf } from '../../../src/agentstate/sessions/model';
import type { SessionCxonePort } from '../../../src/agentstate/sessions/port';
import { NotFoundError } from '../../../src/cxone/errors';
import type { FakeClock } from '../fake-clock';

type Method = keyof SessionCxonePort;

interface Pending {
  status: AgentStatus;
  visibleFrom: number;
}

/**
 * An in-memory session-model tenant on a fake clock: each change becomes visible after `delayMs`
 * (optionally through an intermediate state), every call is counted, and faults can be queued per method.
 */
export class FakeSessionCxone implements SessionCxonePort {
  readonly calls: Array<{ method: Method; args: unknown[] }> = [];
  delayMs = 1_000;
  private readonly agents = new Map<string, SessionAgent>();
  private readonly states = new Map<string, Pending[]>();
  private readonly faults = new Map<Method, Error[]>();
  readonly reasonsByTeam = new Map<string, Reason[]>();
  history: StateHistoryEntry[] = [];
  /** Stations in use by another agent's session. */
  readonly busyStations = new Set<string>();

  constructor(private readonly clock: FakeClock) {}

  addAgent(agent: SessionAgent, status: Partial<AgentStatus> & Pick<AgentStatus, 'state'>): this {
    this.agents.set(agent.id, agent);
    this.states.set(agent.id, [
      { status: this.status(agent.id, status), visibleFrom: Number.NEGATIVE_INFINITY },
    ]);
    return this;
  }

  failNext(method: Method, error: Error): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), error]);
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  /** Schedules states for an agent: each visible `afterMs` from now (relative to the previous step). */
  schedule(
    agentId: string,
    ...steps: Array<[number, Partial<AgentStatus> & Pick<AgentStatus, 'state'>]>
  ): void {
    let at = this.clock.now();
    const list = this.states.get(agentId) ?? [];
    for (const [afterMs, s] of steps) {
      at += afterMs;
      list.push({ status: this.status(agentId, s), visibleFrom: at });
    }
    this.states.set(agentId, list);
  }

  private status(agentId: string, s: Partial<AgentStatus> & Pick<AgentStatus, 'state'>): AgentStatus {
    return { agentId, kind: stateKindOf(s.state), since: new Date(this.clock.now()), ...s };
  }

  private record(method: Method, args: unknown[]): void {
    this.calls.push({ method, args });
    const queued = this.faults.get(method);
    const fault = queued?.shift();
    if (fault) throw fault;
  }

  private current(agentId: string): AgentStatus {
    const list = this.states.get(agentId);
    if (!list) throw new NotFoundError('Invalid Agent Id', 'agent', agentId, { status: 404 });
    const visible = list.filter((p) => p.visibleFrom <= this.clock.now());
    return (visible.at(-1) as Pending).status;
  }

  async tokenInfo() {
    this.record('tokenInfo', []);
    return { scopes: [], expiresAt: this.clock.now() + 3_600_000 };
  }

  async connection() {
    this.record('connection', []);
    return {
      authUrl: 'https://auth.example',
      tokenEndpoint: 'https://auth.example/auth/token',
      tenantId: 'tenant-1',
      apiEndpoint: 'https://api.example',
      apiVersion: 'v27.0',
      clientAuth: 'basic' as const,
    };
  }

  async searchAgents(query: { search?: string; skip?: number; top?: number }): Promise<AgentSearchPage> {
    this.record('searchAgents', [query]);
    const needle = (query.search ?? '').toLowerCase();
    const all = [...this.agents.values()].filter((a) =>
      [a.firstName, a.lastName, a.email, a.userName].some((f) => f.toLowerCase().includes(needle)),
    );
    const skip = query.skip ?? 0;
    return { agents: all.slice(skip, skip + (query.top ?? 100)), total: all.length };
  }

  async getAgent(agentId: string) {
    this.record('getAgent', [agentId]);
    const agent = this.agents.get(agentId);
    if (!agent) throw new NotFoundError('Invalid Agent Id', 'agent', agentId, { status: 404 });
    return agent;
  }

  async getAgentState(agentId: string, _opts?: { signal?: AbortSignal }) {
    this.record('getAgentState', [agentId]);
    return this.current(agentId);
  }

  async getAllAgentStates(): Promise<StatesSince> {
    this.record('getAllAgentStates', []);
    return {
      states: [...this.agents.keys()].map((id) => this.current(id)),
      lastPollTime: new Date(this.clock.now()).toISOString(),
      unchanged: false,
    };
  }

  async listSkills() {
    this.record('listSkills', []);
    return [];
  }

  async getAgentSkills(agentId: string) {
    this.record('getAgentSkills', [agentId]);
    return [{ id: '11', name: 'Sales EN', isActive: true }];
  }

  async listTeamReasons(teamId: string) {
    this.record('listTeamReasons', [teamId]);
    return this.reasonsByTeam.get(teamId) ?? [];
  }

  async listReasons() {
    this.record('listReasons', []);
    return [...this.reasonsByTeam.values()].flat();
  }

  async getStateHistory(agentId: string, range: { start: Date; end: Date }) {
    this.record('getStateHistory', [agentId, range]);
    return this.history;
  }

  async setAgentState(
    agentId: string,
    change: { state: 'Available' } | { state: 'Unavailable'; reasonId?: string },
  ) {
    this.record('setAgentState', [agentId, change]);
    const reason =
      change.state === 'Unavailable' && change.reasonId
        ? [...this.reasonsByTeam.values()].flat().find((r) => r.id === change.reasonId)
        : undefined;
    this.schedule(agentId, [
      this.delayMs,
      { state: change.state, reason: reason && { id: reason.id, name: reason.name } },
    ]);
  }

  async forceLogout(agentId: string) {
    this.record('forceLogout', [agentId]);
    this.schedule(agentId, [this.delayMs, { state: 'LoggedOut' }]);
  }

  async startSessionAs(agentId: string, station: StationRef) {
    this.record('startSessionAs', [agentId, station]);
    // A new session shows LoggedIn, then Unavailable, as CXone does.
    this.schedule(
      agentId,
      [this.delayMs / 2, { state: 'LoggedIn' }],
      [this.delayMs / 2, { state: 'Unavailable' }],
    );
    return { sessionId: `session-${agentId}` };
  }
}

export function sessionAgent(
  id: string,
  first: string,
  last: string,
  extra: Partial<SessionAgent> = {},
): SessionAgent {
  return {
    id,
    firstName: first,
    lastName: last,
    email: `${first}.${last}@example.com`.toLowerCase(),
    userName: `${first}.${last}`.toLowerCase(),
    isActive: true,
    teamId: '7',
    teamName: 'Sales',
    ...extra,
  };
}

export const TEAM_REASONS: Reason[] = [
  { id: '101', name: 'Lunch', isActive: true, isAcw: false },
  { id: '102', name: 'Break', isActive: true, isAcw: false },
  { id: '103', name: 'Old code', isActive: false, isAcw: false },
  { id: '104', name: 'ACW', isActive: true, isAcw: true },
];
