import { z } from 'zod';
import { member, type UiContext, UiError, userIdSchema } from './ui-context';
import type { Workspace } from './workspace';

/**
 * The agent's own side of CXone, which Slack does not have: on a real tenant only the agent (or an
 * impersonating API user) can start a session, so when the app asks an agent to log in, someone has to
 * play the agent. A member whose email is a CXone agent's gets a small "agent application" on the page
 * (in the app's direct messages): log in, log in and become Available, become Available, log out. The
 * page asks the sandbox server (`/ui/desk…`), which drives the simulator's controls; the page never
 * talks to the simulator itself.
 */

export interface DeskAgent {
  agentId: string;
  name: string;
}

/** Where the agent is now, in the words the panel shows, and which of the desk's actions make sense. */
export interface DeskStatus {
  /** e.g. "Logged out", "Unavailable (Lunch)", "On a contact". */
  state: string;
  inSession: boolean;
  available: boolean;
  onContact: boolean;
}

export interface AgentDesk {
  /** The CXone agent with this email, if there is one. */
  agentByEmail(email: string): DeskAgent | undefined;
  status(agent: DeskAgent): DeskStatus;
  /** As the agent: start a session on the agent's last station, then optionally become Available. */
  logIn(agent: DeskAgent, opts: { available: boolean }): Promise<string>;
  /** As the agent, already in a session: become Available. */
  becomeAvailable(agent: DeskAgent): Promise<string>;
  /** As the agent: end the session. */
  logOut(agent: DeskAgent): Promise<string>;
}

/** The desk agent a member is, matched by the member's email as the app itself matches them. */
export function deskAgentOf(ws: Workspace, desk: AgentDesk | undefined, userId: string) {
  const email = ws.users.get(userId)?.email;
  return desk && email ? desk.agentByEmail(email) : undefined;
}

export const deskInputSchema = z.object({ user: userIdSchema });
export const deskActionSchema = z.object({
  user: userIdSchema,
  action: z.enum(['log_in', 'log_in_available', 'available', 'log_out']),
});

function deskFor(ctx: UiContext, userId: string): { desk: AgentDesk; agent: DeskAgent } {
  const user = member(ctx, userId);
  const agent = deskAgentOf(ctx.ws, ctx.desk, user.id);
  // A member acts only as the agent their own email names, never as someone else.
  if (!ctx.desk || !agent) throw new UiError(`${user.realName} is not a CXone agent in this sandbox`);
  return { desk: ctx.desk, agent };
}

/** The panel's current view of the agent (it asks again every few seconds while it is shown). */
export function deskStatus(ctx: UiContext, input: z.infer<typeof deskInputSchema>) {
  const { desk, agent } = deskFor(ctx, input.user);
  return { ok: true, agent, status: desk.status(agent) };
}

export async function deskAction(ctx: UiContext, input: z.infer<typeof deskActionSchema>) {
  const { desk, agent } = deskFor(ctx, input.user);
  const message = await (input.action === 'log_out'
    ? desk.logOut(agent)
    : input.action === 'available'
      ? desk.becomeAvailable(agent)
      : desk.logIn(agent, { available: input.action === 'log_in_available' }));
  return { ok: true, message, agent, status: desk.status(agent) };
}
