import { AGENT_SELF, type Catalog, type Session } from './catalog';
import { LOGGED_IN_AT_FRACTION, type RefusalKind } from './decisions';
import { seedTenant, sessionIdFor } from './seed';
import { type DemoRole, FIRST_AGENT_ID, FIXED_AGENTS } from './seed-data';
import { Timelines } from './timelines';
import type { AgentStateName, IcAgent, IcStation, IcUnavailableCode, StateEntry } from './types';

export type Outcome<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; refusal: RefusalKind; detail: string };
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const refuse = (refusal: RefusalKind, detail: string): Outcome<never> => ({ ok: false, refusal, detail });

/** The states a state change through the API may ask for (DOC: "only Available and Unavailable can be set"). */
export type SettableState = 'Available' | 'Unavailable';
const CONTACT_STATES: ReadonlySet<AgentStateName> = new Set([
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
]);
export const isContactState = (state: AgentStateName) => CONTACT_STATES.has(state);

/** Read access for tests, the banner and the sandbox; reflects the tenant after a reset too. */
export interface IncontactTenantView {
  readonly seed: number;
  readonly catalog: Catalog;
  /** The fixed agents by what they demonstrate (README, banner). */
  demoAgent(role: DemoRole): IcAgent;
  /** By integer id or user UUID, whether or not the API users may see it. */
  agent(ref: string | number): IcAgent | undefined;
  /** What `GET /agents/{id}/states` would show now. */
  visibleState(agentId: number): StateEntry;
  /** The open session, including one whose start is still propagating. */
  liveSession(agentId: number): Session | undefined;
}

/** The tenant's catalog, agents' states and sessions, with the dialect's rules and none of its HTTP. */
export class IcTenant implements IncontactTenantView {
  readonly catalog: Catalog;
  readonly timelines: Timelines;
  private readonly sessions = new Map<string, Session>();
  private readonly liveByAgent = new Map<number, Session>();
  private readonly liveByStation = new Map<number, Session>();
  private nextAgentSessionId: number;
  private nextContactId: number;
  /** Lower-cased names, user name and email per agent; built on the first search, not at start. */
  private searchText: string[] | undefined;

  constructor(
    readonly seed: number,
    agentCount: number,
    start = Date.now(),
  ) {
    const seeded = seedTenant(seed, agentCount, start);
    this.catalog = seeded.catalog;
    this.timelines = new Timelines(seeded.timelines);
    for (const session of seeded.sessions) this.open(session);
    this.nextAgentSessionId = seeded.nextAgentSessionId;
    this.nextContactId = seeded.nextContactId;
  }

  demoAgent(role: DemoRole): IcAgent {
    const agent = this.catalog.agentById.get(FIRST_AGENT_ID + FIXED_AGENTS.findIndex((a) => a.role === role));
    if (!agent) throw new Error(`no demo agent ${role}`);
    return agent;
  }

  agent(ref: string | number): IcAgent | undefined {
    const text = String(ref).trim();
    if (/^\d+$/.test(text)) return this.catalog.agentById.get(Number(text));
    return this.catalog.agentByUserId.get(text.toLowerCase());
  }

  visibleState(agentId: number, now = Date.now()): StateEntry {
    return this.timelines.visible(agentId, now);
  }

  liveSession(agentId: number): Session | undefined {
    return this.liveByAgent.get(agentId);
  }

  session(sessionId: string): Session | undefined {
    return this.sessions.get(sessionId);
  }

  /** The unavailable code by id or (case-insensitive) name, if the agent's team may use it. */
  teamCode(agent: IcAgent, ref: { id?: number; name?: string }): IcUnavailableCode | undefined {
    const team = this.catalog.teamById.get(agent.teamId);
    const code =
      ref.id !== undefined
        ? this.catalog.codeById.get(ref.id)
        : this.catalog.codes.find((c) => c.name.toLowerCase() === ref.name?.trim().toLowerCase());
    return code && team?.codeIds.includes(code.id) ? code : undefined;
  }

  /** A supervisor's state change (`POST /agents/{id}/state`) or the agent's own (session state). */
  setState(
    agent: IcAgent,
    state: SettableState,
    code: IcUnavailableCode | undefined,
    now: number,
    delay: number,
  ) {
    const current = this.timelines.latest(agent.agentId);
    const session = this.liveByAgent.get(agent.agentId);
    if (!session) return refuse('notLoggedIn', `agent ${agent.agentId} has no session`);
    if (isContactState(current.state))
      return refuse('onContact', `agent ${agent.agentId} is on contact ${current.contact?.contactId}`);
    if (state === 'Unavailable' && code) {
      if (!code.isActive) return refuse('invalidOutState', `unavailable code ${code.id} is inactive`);
      if (code.isAcw) return refuse('acwWithoutContact', `${code.name} needs a contact to follow`);
    }
    const outStateId = state === 'Unavailable' ? code?.id : undefined;
    this.timelines.append(agent.agentId, { state, outStateId, ...this.sessionFields(session) }, now + delay);
    return ok(undefined);
  }

  /** A new session on a station: LoggedIn part-way through the delay, Unavailable (no reason) after it. */
  startSession(agent: IcAgent, station: IcStation, owner: string, now: number, delay: number) {
    if (!agent.isActive) return refuse('agentInactive', `agent ${agent.agentId} is deactivated`);
    const current = this.liveByAgent.get(agent.agentId);
    if (current) return refuse('sessionInProgress', `agent ${agent.agentId} is already in a session`);
    const holder = this.liveByStation.get(station.stationId);
    if (holder)
      return refuse('stationInUse', `station ${station.stationId} is in use by agent ${holder.agentId}`);

    const agentSessionId = this.nextAgentSessionId++;
    const session: Session = {
      sessionId: sessionIdFor(this.catalog.tenantId, agentSessionId),
      agentSessionId,
      agentId: agent.agentId,
      stationId: station.stationId,
      owner,
      startedAt: now,
    };
    this.open(session);
    agent.stationId = station.stationId;
    const fields = this.sessionFields(session);
    const loggedIn = this.timelines.append(
      agent.agentId,
      { state: 'LoggedIn', ...fields },
      now + Math.round(delay * LOGGED_IN_AT_FRACTION),
    );
    agent.lastLogin = loggedIn.at;
    this.timelines.append(agent.agentId, { state: 'Unavailable', ...fields }, now + delay);
    return ok(session);
  }

  /** Ends the agent's session (force logout, the agent's own logout); a live contact is dropped with it. */
  endSession(session: Session, now: number, delay: number): Outcome<{ droppedContactId?: number }> {
    if (session.endedAt !== undefined) return refuse('invalidSession', 'the session has ended');
    const current = this.timelines.latest(session.agentId);
    session.endedAt = now;
    this.liveByAgent.delete(session.agentId);
    this.liveByStation.delete(session.stationId);
    this.timelines.append(
      session.agentId,
      { state: 'LoggedOut', ...this.sessionFields(session) },
      now + delay,
    );
    return ok({ droppedContactId: isContactState(current.state) ? current.contact?.contactId : undefined });
  }

  logout(agent: IcAgent, now: number, delay: number) {
    const session = this.liveByAgent.get(agent.agentId);
    if (!session) return refuse('notLoggedIn', `agent ${agent.agentId} has no session`);
    return this.endSession(session, now, delay);
  }

  /**
   * Control: the agent is in this state from now on, visible at once. A logged-out agent gets a session on
   * its last station; LoggedOut ends the session; contact states get a new contact on `skillId` (default:
   * the agent's first skill).
   */
  forceState(
    agent: IcAgent,
    want: { state: AgentStateName; code?: IcUnavailableCode; skillId?: number },
    now: number,
  ): Outcome<StateEntry> {
    this.timelines.dropPending(agent.agentId, now);
    const live = this.liveByAgent.get(agent.agentId);
    if (want.state === 'LoggedOut') {
      if (live) this.endSession(live, now, 0);
      else this.timelines.append(agent.agentId, { state: 'LoggedOut' }, now);
      return ok(this.timelines.latest(agent.agentId));
    }
    let session = live;
    if (!session) {
      const holder = this.liveByStation.get(agent.stationId);
      // The control is forceful: whoever held the agent's desk is logged out of it.
      if (holder) this.endSession(holder, now, 0);
      const started = this.startSession(agent, this.station(agent.stationId), AGENT_SELF, now, 0);
      if (!started.ok) return started;
      session = started.value;
    }
    const contact = isContactState(want.state)
      ? { contactId: this.nextContactId++, skillId: want.skillId ?? agent.skills[0]?.skillId ?? 0 }
      : undefined;
    const outStateId = want.state === 'Unavailable' ? want.code?.id : undefined;
    return ok(
      this.timelines.append(
        agent.agentId,
        { state: want.state, outStateId, contact, ...this.sessionFields(session) },
        now,
      ),
    );
  }

  /**
   * `GET /agents`: case-insensitive substring over first, last and full name, user name and email (not ids),
   * among the agents the API users may see; `hidden` counts matching agents they may not.
   */
  searchAgents(q: { searchString: string; isActive?: boolean; skip: number; top: number }) {
    const needle = q.searchString.trim().toLowerCase();
    const { agents } = this.catalog;
    this.searchText ??= agents.map((a) =>
      [a.firstName, a.lastName, `${a.firstName} ${a.lastName}`, a.userName, a.email].join('\n').toLowerCase(),
    );
    const text = this.searchText;
    let hidden = 0;
    const matches = agents.filter((a, i) => {
      if (needle && !text[i]?.includes(needle)) return false;
      if (q.isActive !== undefined && a.isActive !== q.isActive) return false;
      if (!a.visible) hidden++;
      return a.visible;
    });
    return { agents: matches.slice(q.skip, q.skip + q.top), totalRecords: matches.length, hidden };
  }

  station(stationId: number): IcStation {
    const station = this.catalog.stationById.get(stationId);
    if (!station) throw new Error(`no station ${stationId}`);
    return station;
  }

  private sessionFields(session: Session) {
    return { agentSessionId: session.agentSessionId, stationId: session.stationId };
  }

  private open(session: Session): void {
    this.sessions.set(session.sessionId, session);
    this.liveByAgent.set(session.agentId, session);
    this.liveByStation.set(session.stationId, session);
  }
}
