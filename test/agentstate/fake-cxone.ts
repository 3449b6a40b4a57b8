import type {
  Activity,
  Agent,
  AgentPage,
  AgentState,
  BulkStates,
  LoginRequest,
  Skill,
  StateDefinition,
  TokenInfo,
} from '../../src/agentstate/model';
import { LOGGED_IN_STATE_NAME } from '../../src/agentstate/model';
import type { CxonePort, ReadOptions } from '../../src/agentstate/ports';
import { ConflictError, NotFoundError } from '../../src/cxone/errors';
import type { FakeClock } from './fake-clock';

export interface FakeSkill extends Skill {
  states: StateDefinition[];
}

export interface FakeTenantData {
  agents: Agent[];
  skills: FakeSkill[];
  activities: Activity[];
  /** Skills in one group exclude each other: logging in to one while in another answers 409. */
  conflictGroups: string[][];
  scopes: string[];
}

type Method = keyof CxonePort;

interface Fault {
  error: Error;
  /** The call takes effect first and then fails, like a login whose 201 was lost to a timeout. */
  afterEffect: boolean;
}

interface StateRecord {
  state: AgentState;
  visibleFrom: number;
  goneFrom?: number;
}

/**
 * An in-memory CXone following the seed contract: logins and logouts show up only after a propagation
 * delay (in the fake clock's time); a login with a state that is not the skill's "Logged In" one, or
 * with an unknown activity, is accepted (201) and never appears; 409 names the conflicting skill.
 * Every call is counted, and any method can be made to fail.
 */
export class FakeCxone implements CxonePort {
  readonly calls: Record<Method, number> = {
    tokenInfo: 0,
    searchAgents: 0,
    getAgentStates: 0,
    getAllAgentStates: 0,
    loginAgent: 0,
    logoutAgent: 0,
    listSkills: 0,
    listSkillStates: 0,
    listActivities: 0,
  };
  /** Every login POST that reached CXone, with the clock time it arrived. */
  readonly posted: Array<LoginRequest & { at: number }> = [];
  /** How long a login or logout takes to show in GET .../states. */
  propagationDelayMs = 0;
  /** Whether a 409 carries the conflicting skill's id (CXone names it "when known"). */
  conflictNamesSkill = true;
  /** Whether the agent search matches ids (the fallback to GET .../states covers tenants where it does not). */
  searchMatchesIds = true;
  private readonly records: StateRecord[] = [];
  private readonly faults = new Map<Method, Fault[]>();

  constructor(
    readonly tenant: FakeTenantData,
    private readonly clock: FakeClock,
  ) {}

  /** The next `times` calls of `method` fail with `error`. */
  fail(method: Method, error: Error, opts: { times?: number; afterEffect?: boolean } = {}): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < (opts.times ?? 1); i++) queue.push({ error, afterEffect: opts.afterEffect ?? false });
    this.faults.set(method, queue);
  }

  /** Puts the agent in a skill right now (visible at once), as if logged in from the agent desktop. */
  seedState(agentId: string, skillId: string, activityId = this.tenant.activities[0]!.id): AgentState {
    const skill = this.skill(skillId)!;
    const stateId = skill.states.find((s) => s.name === LOGGED_IN_STATE_NAME)!.id;
    const state = {
      agentId,
      skillId,
      stateId,
      activityId,
      loginTime: new Date(this.clock.now()).toISOString(),
    };
    this.records.push({ state, visibleFrom: this.clock.now() });
    return state;
  }

  /** What CXone would show right now, ignoring faults and without counting a call. */
  visibleStates(agentId: string): AgentState[] {
    const now = this.clock.now();
    return this.records
      .filter(
        (r) =>
          r.state.agentId === agentId &&
          r.visibleFrom <= now &&
          !(r.goneFrom !== undefined && r.goneFrom <= now),
      )
      .map((r) => r.state);
  }

  async tokenInfo(): Promise<TokenInfo> {
    await this.enter('tokenInfo');
    return { scopes: [...this.tenant.scopes], expiresAt: this.clock.now() + 3_600_000 };
  }

  async searchAgents(query: { search?: string; page?: number; pageSize?: number }): Promise<AgentPage> {
    const fault = await this.enter('searchAgents');
    const needle = query.search?.toLowerCase() ?? '';
    const fields = (a: Agent) => [
      a.email,
      a.userName,
      a.firstName,
      a.lastName,
      ...(this.searchMatchesIds ? [a.id] : []),
    ];
    const matches = this.tenant.agents.filter((a) => fields(a).some((f) => f.toLowerCase().includes(needle)));
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const entities = matches.slice((page - 1) * pageSize, page * pageSize);
    return this.leave(fault, { entities, page, pageSize, total: matches.length });
  }

  /** Answers at once, so a read's deadline (`opts.signal`) never fires here. */
  async getAgentStates(agentId: string, _opts?: ReadOptions): Promise<AgentState[]> {
    const fault = await this.enter('getAgentStates');
    this.agent(agentId);
    return this.leave(fault, this.visibleStates(agentId));
  }

  async getAllAgentStates(): Promise<BulkStates> {
    const fault = await this.enter('getAllAgentStates');
    const states = this.tenant.agents.flatMap((a) => this.visibleStates(a.id));
    return this.leave(fault, { states, removed: [], lastPollTime: new Date(this.clock.now()).toISOString() });
  }

  async loginAgent(agentId: string, body: LoginRequest): Promise<AgentState> {
    const fault = await this.enter('loginAgent');
    this.posted.push({ ...body, at: this.clock.now() });
    this.agent(agentId);
    const skill = this.skill(body.skillId);
    if (!skill)
      throw new NotFoundError(`skill ${body.skillId} not found`, 'skill', body.skillId, { status: 404 });
    const blocking = this.records.find(
      (r) =>
        r.state.agentId === agentId && r.goneFrom === undefined && this.conflicts(r.state.skillId, skill.id),
    );
    if (blocking)
      throw new ConflictError(
        'agent already logged in to this or a conflicting skill',
        this.conflictNamesSkill ? blocking.state.skillId : undefined,
        { status: 409 },
      );
    const state = { agentId, ...body, loginTime: new Date(this.clock.now()).toISOString() };
    // The tutorial's "empty array after login": accepted, never shown.
    const shows =
      skill.states.find((s) => s.id === body.stateId)?.name === LOGGED_IN_STATE_NAME &&
      this.tenant.activities.some((a) => a.id === body.activityId);
    if (shows) this.records.push({ state, visibleFrom: this.clock.now() + this.propagationDelayMs });
    return this.leave(fault, state);
  }

  async logoutAgent(agentId: string, stateId: string): Promise<void> {
    const fault = await this.enter('logoutAgent');
    const record = this.records.find(
      (r) => r.state.agentId === agentId && r.state.stateId === stateId && r.goneFrom === undefined,
    );
    if (!record)
      throw new NotFoundError('agent is not logged in with that state', 'state', stateId, { status: 404 });
    record.goneFrom = this.clock.now() + this.propagationDelayMs;
    return this.leave(fault, undefined);
  }

  async listSkills(): Promise<Skill[]> {
    const fault = await this.enter('listSkills');
    return this.leave(
      fault,
      this.tenant.skills.map(({ id, name, isActive }) => ({ id, name, isActive })),
    );
  }

  async listSkillStates(skillId: string): Promise<StateDefinition[]> {
    const fault = await this.enter('listSkillStates');
    const skill = this.skill(skillId);
    if (!skill) throw new NotFoundError(`skill ${skillId} not found`, 'skill', skillId, { status: 404 });
    return this.leave(fault, [...skill.states]);
  }

  async listActivities(): Promise<Activity[]> {
    const fault = await this.enter('listActivities');
    return this.leave(fault, [...this.tenant.activities]);
  }

  private async enter(method: Method): Promise<Fault | undefined> {
    this.calls[method] += 1;
    const fault = this.faults.get(method)?.shift();
    if (fault && !fault.afterEffect) throw fault.error;
    return fault;
  }

  private leave<T>(fault: Fault | undefined, value: T): T {
    if (fault) throw fault.error;
    return value;
  }

  private agent(agentId: string): Agent {
    const agent = this.tenant.agents.find((a) => a.id.toLowerCase() === agentId.toLowerCase());
    if (!agent) throw new NotFoundError(`agent ${agentId} not found`, 'agent', agentId, { status: 404 });
    return agent;
  }

  private skill(skillId: string): FakeSkill | undefined {
    return this.tenant.skills.find((s) => s.id === skillId);
  }

  private conflicts(a: string, b: string): boolean {
    return a === b || this.tenant.conflictGroups.some((g) => g.includes(a) && g.includes(b));
  }
}
