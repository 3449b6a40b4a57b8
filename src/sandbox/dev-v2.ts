import type { RunningSimulator, TenantView } from '../simulator';
import { ACTORS, AGENT_MEMBER_PREFIX, createDemoWorkspace } from './directory';
import type { SandboxFlavour } from './flavour';
import type { Hint } from './page-stream';
import type { Workspace } from './workspace';

/** The sandbox on the tutorial's API (v2): skills to log in to, one click does it. */

/** The skill a "Log agent in" click uses, so the card offers the one-click login with its confirm dialog. */
const DEFAULT_SKILL = 'Billing';

export function v2Flavour(simulator: RunningSimulator): SandboxFlavour {
  const workspace = createDemoWorkspace(simulator.tenant.agents);
  return {
    workspace,
    actors: ACTORS,
    hints: demoHints(simulator.tenant, workspace),
    cxoneEnv: {
      CXONE_DIALECT: 'v2',
      CXONE_BASE_URL: simulator.url,
      CXONE_CLIENT_ID: simulator.demo.clientId,
      CXONE_CLIENT_SECRET: simulator.demo.clientSecret,
      CXONE_DEFAULT_SKILL_ID: simulator.tenant.skillByName(DEFAULT_SKILL)?.id,
    },
    defaults: {},
    cxoneLines: [
      `v2 simulator (the tutorial's API) at ${simulator.url} (${simulator.tenant.agents.length} agents, ` +
        `logins appear after ${simulator.config.propagationDelayMs} ms)`,
    ],
    agentsToTry: [],
  };
}

/** A logged-out agent (for the login demo), a logged-in one, a mention, and the other subcommands. */
function demoHints(tenant: TenantView, ws: Workspace): Hint[] {
  const loggedOut = tenant.agents.find((a) => a.isActive && tenant.visibleStates(a.id).length === 0);
  const loggedIn = tenant.agents.find((a) => tenant.visibleStates(a.id).length > 0);
  const mentioned = [...ws.users.values()].find((u) => u.id.startsWith(AGENT_MEMBER_PREFIX));
  const hints: Hint[] = [];
  if (loggedOut)
    hints.push({
      command: `/agentstate ${loggedOut.id}`,
      note: `${loggedOut.firstName} ${loggedOut.lastName}, logged out`,
    });
  if (loggedIn) hints.push({ command: `/agentstate ${loggedIn.email}`, note: 'a logged-in agent' });
  if (mentioned)
    hints.push({ command: `/agentstate @${mentioned.name}`, note: 'a Slack mention, matched by email' });
  if (loggedOut) hints.push({ command: `/agentstate diagnose ${loggedOut.id}`, note: 'every check' });
  hints.push({ command: '/agentstate skills', note: 'skills and ids' });
  hints.push({ command: '/agentstate help', note: 'usage' });
  return hints;
}
