import type { Actor } from './page-stream';
import { APP, type SandboxUser, SLACKBOT, Workspace } from './workspace';

/**
 * The demo workspace: two channels, a supervisor and an ordinary member (the page's switch), a user
 * group that makes the supervisor one, and a few members whose emails are those of CXone agents so
 * `/agentstate @handle` can be resolved through the member's email as in a real workspace.
 */

export const SUPERVISORS_CHANNEL = {
  id: 'C0SUPERVISORS',
  name: 'supervisors',
  topic: 'Contact-center supervisors · try /agentstate help',
} as const;
export const AUDIT_CHANNEL = {
  id: 'C0AUDITLOG',
  name: 'agentstate-audit',
  topic: 'One message per state change made through the app (AUDIT_CHANNEL_ID)',
} as const;
export const SUPERVISOR_GROUP = 'S0SUPERVISORS';

export const SUPERVISOR: SandboxUser = {
  id: 'U0SUPERVISOR',
  name: 'sam.rivera',
  realName: 'Sam Rivera',
  title: 'Contact-center supervisor',
  email: 'sam.rivera@sandbox.example',
};

export const MEMBER: SandboxUser = {
  id: 'U0MEMBER',
  name: 'morgan.blake',
  realName: 'Morgan Blake',
  title: 'Workforce analyst',
  email: 'morgan.blake@sandbox.example',
};

/** A guest without a visible email, to show what the app says when a mention cannot be matched. */
const GUEST: SandboxUser = { id: 'U0GUEST', name: 'casey.guest', realName: 'Casey (guest)' };

export const ACTORS: readonly Actor[] = [
  { userId: SUPERVISOR.id, role: 'supervisor' },
  { userId: MEMBER.id, role: 'member' },
];

export interface AgentLike {
  firstName: string;
  lastName: string;
  email: string;
  isActive: boolean;
}

/** Ids of the members who are also CXone agents (their emails match). */
export const AGENT_MEMBER_PREFIX = 'U0CXAGENT';

/** How many agents also get a Slack member: enough to try mentions, few enough to read the list. */
const AGENT_MEMBERS = 8;

export function createDemoWorkspace(agents: readonly AgentLike[], now?: () => number): Workspace {
  const ws = new Workspace(now);
  ws.addChannel({ ...SUPERVISORS_CHANNEL });
  ws.addChannel({ ...AUDIT_CHANNEL });
  ws.addUser({ id: APP.botUserId, name: APP.name, realName: APP.name, isBot: true });
  ws.addUser({ id: SLACKBOT, name: 'slackbot', realName: 'Slackbot', isBot: true });
  for (const user of [SUPERVISOR, MEMBER, GUEST]) ws.addUser({ ...user });
  agents
    .filter((a) => a.isActive)
    .slice(0, AGENT_MEMBERS)
    .forEach((agent, i) => {
      ws.addUser({
        id: `${AGENT_MEMBER_PREFIX}${String(i + 1).padStart(2, '0')}`,
        // The handle is the email's local part, unlike the CXone user name: a mention is matched by email.
        name: agent.email.split('@')[0]!.toLowerCase(),
        realName: `${agent.firstName} ${agent.lastName}`,
        title: 'Agent',
        email: agent.email,
      });
    });
  ws.usergroups.set(SUPERVISOR_GROUP, [SUPERVISOR.id]);
  return ws;
}
