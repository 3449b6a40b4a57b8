import {
  createIncontactControl,
  type DemoRole,
  type IcAgent,
  type RunningIncontactSimulator,
  type StateEntry,
} from '../simulator';
import type { AgentDesk, DeskAgent, DeskStatus } from './agent-desk';
import { ACTORS, AGENT_MEMBER_PREFIX, createDemoWorkspace } from './directory';
import type { SandboxFlavour } from './flavour';
import type { Actor, Hint } from './page-stream';
import { UiError } from './ui-context';

/**
 * The sandbox on a real tenant's API (incontact): one state per agent, reasons, force logout, and sessions
 * only the agent can start — unless impersonation is on, the app asks a logged-out agent to log in by DM.
 * The demo agents are Slack members with their CXone emails, the page's switch can become them, and in
 * their direct messages the page plays the agent's own CXone application (agent-desk.ts).
 */

/**
 * How long the app waits for an asked agent to log in before saying "not yet": long enough to switch to
 * the agent on the page and click by hand (VERIFY_TIMEOUT_MS overrides it).
 */
export const SANDBOX_VERIFY_TIMEOUT_MS = 60_000;

/** The fixed agents that get a Slack member, in the order the switch lists them. */
const MEMBER_ROLES: readonly DemoRole[] = [
  'loggedOut',
  'unavailable',
  'loggedInNoState',
  'onContact',
  'available',
];
/** Logged-out agents beyond the fixed ones who are members too, so the ask loop can be tried again. */
const EXTRA_LOGGED_OUT_MEMBERS = 2;

const CONTACT_STATES = new Set([
  'InboundContact',
  'OutboundContact',
  'InboundConsult',
  'OutboundConsult',
  'Dialer',
]);

export function incontactFlavour(
  sim: RunningIncontactSimulator,
  opts: { impersonation: boolean },
): SandboxFlavour {
  const { tenant } = sim;
  const fullName = (a: IcAgent) => `${a.firstName} ${a.lastName}`;
  const demo = (role: DemoRole) => tenant.demoAgent(role);
  const loggedOut = tenant.catalog.agents.filter(
    (a) =>
      a.isActive &&
      a.visible &&
      !a.isSupervisor &&
      tenant.visibleState(a.agentId).state === 'LoggedOut' &&
      a.agentId !== demo('loggedOut').agentId,
  );
  const members = [...MEMBER_ROLES.map(demo), ...loggedOut.slice(0, EXTRA_LOGGED_OUT_MEMBERS)];
  // Someone the app cannot ask: no Slack member has their email.
  const outsider = loggedOut[EXTRA_LOGGED_OUT_MEMBERS];
  const workspace = createDemoWorkspace(members);
  const agentActors: Actor[] = [...workspace.users.values()]
    .filter((u) => u.id.startsWith(AGENT_MEMBER_PREFIX))
    .map((u) => ({ userId: u.id, role: 'agent' }));

  // A name typed in Slack is searched; when two agents share it, the email is what names one.
  const ref = (a: IcAgent) =>
    tenant.catalog.agents.filter((b) => b.visible && fullName(b) === fullName(a)).length === 1
      ? fullName(a)
      : a.email;
  const state = (a: IcAgent) => stateWords(sim, tenant.visibleState(a.agentId));
  const hugo = demo('loggedOut');
  const loggedOutNote = opts.impersonation
    ? `${state(hugo)}: Log in starts a session as ${hugo.firstName}`
    : `${state(hugo)}: "Ask ${hugo.firstName} to log in", then act as ${hugo.firstName} and log in from the DM`;
  const agentsToTry: Array<[string, string]> = [
    [fullName(demo('unavailable')), `${state(demo('unavailable'))}: Make available`],
    [fullName(hugo), loggedOutNote],
    [fullName(demo('loggedInNoState')), `${state(demo('loggedInNoState'))}: Make available`],
    [fullName(demo('onContact')), `${state(demo('onContact'))}: Force log out warns the contact is dropped`],
  ];
  if (outsider)
    agentsToTry.push([fullName(outsider), `${state(outsider)}, and no Slack member has their email`]);

  const hints: Hint[] = [
    {
      command: `/agentstate ${ref(demo('unavailable'))}`,
      note: `${state(demo('unavailable'))}: make available`,
    },
    {
      command: `/agentstate ${ref(hugo)}`,
      note: opts.impersonation ? 'logged out: log in as the agent' : 'logged out: ask the agent to log in',
    },
    { command: `/agentstate ${ref(demo('onContact'))}`, note: 'on a contact: force log out warns' },
    // After a subcommand the agent is one word (then a reason, for unavailable): the email names them.
    { command: `/agentstate history ${hugo.email}`, note: 'why did they drop: today’s timeline' },
    { command: `/agentstate unavailable ${demo('available').email}`, note: 'pick a reason' },
  ];
  if (outsider)
    hints.push({ command: `/agentstate ${ref(outsider)}`, note: 'logged out, not in this Slack' });
  hints.push({ command: '/agentstate floor Support', note: 'a team at once' });
  hints.push({ command: '/agentstate help', note: 'usage' });

  return {
    workspace,
    actors: [...ACTORS, ...agentActors],
    hints,
    desk: createIncontactDesk(sim),
    cxoneEnv: {
      CXONE_DIALECT: 'incontact',
      // Discovery, tokens and the API all answer on the simulator's one address.
      CXONE_AUTH_URL: sim.url,
      CXONE_CLIENT_ID: sim.demo.clientId,
      CXONE_CLIENT_SECRET: sim.demo.clientSecret,
      CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
      CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
      CXONE_IMPERSONATION: opts.impersonation ? '1' : undefined,
    },
    defaults: { VERIFY_TIMEOUT_MS: String(SANDBOX_VERIFY_TIMEOUT_MS) },
    cxoneLines: [
      `incontact simulator (a real tenant's API) at ${sim.url} (${tenant.catalog.agents.length} agents, ` +
        `logins appear after ${sim.config.propagationDelayMs} ms)`,
      opts.impersonation
        ? 'impersonation on: "Log in" starts a session as a logged-out agent'
        : 'impersonation off: a logged-out agent is asked to log in by DM (--impersonation logs them in instead)',
    ],
    agentsToTry,
  };
}

/** "Unavailable (Lunch)", "Logged out", "Logged in, no state yet", "On a contact". */
function stateWords(sim: RunningIncontactSimulator, entry: StateEntry): string {
  if (CONTACT_STATES.has(entry.state)) return 'On a contact';
  switch (entry.state) {
    case 'LoggedOut':
      return 'Logged out';
    case 'LoggedIn':
      return 'Logged in, no state yet';
    case 'Unavailable': {
      const code =
        entry.outStateId === undefined ? undefined : sim.tenant.catalog.codeById.get(entry.outStateId);
      return code ? `Unavailable (${code.name})` : 'Unavailable';
    }
    default:
      return entry.state;
  }
}

/** The agent's own CXone application, played through the simulator's controls (as the agent, on its desk). */
export function createIncontactDesk(sim: RunningIncontactSimulator): AgentDesk {
  const control = createIncontactControl(sim.url);
  const agentOf = (desk: DeskAgent): IcAgent => {
    const agent = sim.tenant.agent(desk.agentId);
    if (!agent) throw new UiError(`agent ${desk.agentId} is no longer in CXone`);
    return agent;
  };
  const status = (desk: DeskAgent): DeskStatus => {
    const agent = agentOf(desk);
    const entry = sim.tenant.visibleState(agent.agentId);
    return {
      state: stateWords(sim, entry),
      inSession: Boolean(sim.tenant.liveSession(agent.agentId)),
      available: entry.state === 'Available',
      onContact: CONTACT_STATES.has(entry.state),
    };
  };
  const stationName = (agent: IcAgent) =>
    sim.tenant.catalog.stationById.get(agent.stationId)?.stationName ?? `station ${agent.stationId}`;
  /** A login shows in CXone after the propagation delay; the answer waits for it, as the agent would. */
  const untilVisible = async (agent: IcAgent) => {
    const deadline = Date.now() + sim.config.propagationDelayMs + 1_000;
    while (sim.tenant.visibleState(agent.agentId).state === 'LoggedOut' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const becomeAvailable = async (agent: IcAgent) => {
    await control.setAgentState(agent.agentId, { state: 'Available' });
  };
  return {
    agentByEmail(email) {
      const wanted = email.trim().toLowerCase();
      const agent = sim.tenant.catalog.agents.find((a) => a.email.toLowerCase() === wanted);
      return agent
        ? { agentId: String(agent.agentId), name: `${agent.firstName} ${agent.lastName}` }
        : undefined;
    },
    status,
    async logIn(desk, opts) {
      const agent = agentOf(desk);
      if (!agent.isActive) throw new UiError(`${desk.name} is deactivated in CXone and cannot log in`);
      if (sim.tenant.liveSession(agent.agentId)) throw new UiError(`${desk.name} is already logged in`);
      await control.agentLogsIn(agent.agentId);
      if (opts.available) {
        await becomeAvailable(agent);
        return `Logged in at ${stationName(agent)} and Available`;
      }
      await untilVisible(agent);
      return `Logged in at ${stationName(agent)}: no state set yet, so no contacts reach you`;
    },
    async becomeAvailable(desk) {
      const agent = agentOf(desk);
      const now = status(desk);
      if (!now.inSession) throw new UiError(`${desk.name} is not logged in`);
      if (now.onContact) throw new UiError(`${desk.name} is on a contact; finish it first`);
      await becomeAvailable(agent);
      return 'Available';
    },
    async logOut(desk) {
      const agent = agentOf(desk);
      if (!sim.tenant.liveSession(agent.agentId)) throw new UiError(`${desk.name} is not logged in`);
      await control.agentLogsOut(agent.agentId);
      const deadline = Date.now() + sim.config.propagationDelayMs + 1_000;
      while (sim.tenant.visibleState(agent.agentId).state !== 'LoggedOut' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return 'Logged out';
    },
  };
}
