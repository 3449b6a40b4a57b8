import type { DemoRole } from './seed-data';
import type { RunningIncontactSimulator } from './start';
import type { IcAgent } from './types';

/** The incontact banner: where it is, the environment to paste, the credentials and agents to try. */
export function describeIncontactSimulator(sim: RunningIncontactSimulator): string {
  const { config, tenant, demo } = sim;
  const { catalog } = tenant;
  const pad = (rows: Array<[string, string]>) => {
    const width = Math.max(...rows.map(([left]) => left.length));
    return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
  };
  return [
    `CXone simulator (incontact dialect) listening on ${sim.url}`,
    `  seed ${config.seed} · ${catalog.agents.length} agents · ${catalog.teams.length} teams · ` +
      `${catalog.skills.length} skills · propagation delay ${config.propagationDelayMs} ms · ` +
      `token TTL ${config.tokenTtlSeconds} s`,
    `  "no changes" answers ${config.noChangeStatus} · SessionInProgress answers ${config.sessionInProgressStatus}` +
      ` · tenant ${catalog.tenantId}`,
    '',
    'Point the app at it (copy into .env):',
    '  CXONE_DIALECT=incontact',
    `  CXONE_AUTH_URL=${sim.url}`,
    `  CXONE_CLIENT_ID=${demo.clientId}`,
    `  CXONE_CLIENT_SECRET=${demo.clientSecret}`,
    `  CXONE_ACCESS_KEY_ID=${demo.accessKeyId}`,
    `  CXONE_ACCESS_KEY_SECRET=${demo.accessKeySecret}`,
    '  # optional: "log in" starts a session as the agent (the demo key may impersonate)',
    '  CXONE_IMPERSONATION=1',
    '',
    'Applications (client id / secret):',
    ...pad(sim.applications.map((a) => [`${a.clientId} / ${a.clientSecret}`, a.purpose])),
    '',
    'Access keys (id / secret):',
    ...pad(sim.accessKeys.map((k) => [`${k.accessKeyId} / ${k.accessKeySecret}`, k.purpose])),
    '',
    'Agents to try:',
    ...pad(
      AGENTS_TO_TRY.map(([label, role, note]) => [
        `${label.padEnd(12)} ${who(tenant.demoAgent(role))}`,
        note(sim, role),
      ]),
    ),
  ].join('\n');
}

const who = (a: IcAgent) => `${a.agentId} ${a.firstName} ${a.lastName} <${a.email}>`;

type Note = (sim: RunningIncontactSimulator, role: DemoRole) => string;

const stateNote: Note = (sim, role) => {
  const agent = sim.tenant.demoAgent(role);
  const entry = sim.tenant.visibleState(agent.agentId);
  const code = entry.outStateId === undefined ? undefined : sim.tenant.catalog.codeById.get(entry.outStateId);
  const contact = entry.contact ? ` (contact ${entry.contact.contactId})` : '';
  return `${entry.state}${code ? ` (${code.name})` : ''}${contact}`;
};

const AGENTS_TO_TRY: ReadonlyArray<[string, DemoRole, Note]> = [
  ['available', 'available', stateNote],
  ['unavailable', 'unavailable', stateNote],
  ['on a contact', 'onContact', (sim, role) => `${stateNote(sim, role)}: a force logout drops the contact`],
  [
    'no state yet',
    'loggedInNoState',
    (sim, role) => `${stateNote(sim, role)}: in a session, no state set yet`,
  ],
  ['logged out', 'loggedOut', () => 'LoggedOut: its session ended minutes ago (see its state history)'],
  ['deactivated', 'inactive', () => 'isActive false: cannot start a session'],
  ['hidden', 'hidden', () => 'not visible to the API users: 404, counted in hiddenAgents'],
];
