import { z } from 'zod';
import type { Operation } from '../../store/port';
import { displayName } from '../model';
import type { ResumeOutcome } from '../recovery';
import { describeState } from './change';
import type { AgentStatus } from './model';
import type { SessionDeps } from './types';
import { waitForState } from './verify';

/** What a session change recorded at begin (see slack/sessions/change.ts). */
const storedSchema = z.object({ change: z.string().optional(), reason: z.string().optional() });

/** When each change, or a request to the agent, shows in the agent's one state. */
function expected(action: string, reason: string | undefined): ((s: AgentStatus) => boolean) | undefined {
  switch (action) {
    case 'available':
    case 'login':
      return (s) => s.kind === 'available';
    case 'ask':
      return (s) => s.kind === 'available' || s.kind === 'working';
    case 'unavailable':
      return (s) =>
        s.kind === 'unavailable' && (!reason || s.reason?.name.toLowerCase() === reason.toLowerCase());
    case 'logout':
      return (s) => s.kind === 'logged_out';
    default:
      return undefined;
  }
}

/**
 * Finishing a session change whose process died while verifying it: re-read the agent's state until it
 * shows the change or the original verify window closes, exactly as the original process would have, and
 * say what happened. Nothing is sent again.
 */
export async function resumeSessionOperation(deps: SessionDeps, op: Operation): Promise<ResumeOutcome> {
  const found = await deps.cxone.getAgent(op.agentId).catch(() => undefined);
  if (!found)
    return { kind: 'failed', agentId: op.agentId, explanation: 'CXone no longer knows this agent.' };
  const stored = storedSchema.safeParse(op.target ?? {});
  const reason = stored.success ? stored.data.reason : undefined;
  const until = expected(op.action, reason);
  if (!until)
    return {
      kind: 'failed',
      agentId: op.agentId,
      agent: found,
      explanation: `The app does not know how to confirm a "${op.action}" after a restart.`,
    };
  const timeoutMs = Math.max(0, op.startedAt.getTime() + deps.verifyTimeoutMs - deps.clock.now());
  const seen = await waitForState(deps, {
    agentId: found.id,
    startedAt: deps.clock.now(),
    // Always one read, even when the window closed while no process was alive.
    timeoutMs: Math.max(timeoutMs, 1),
    until,
    phase: 'confirming after a restart',
  });
  const status = seen.last ?? (await deps.cxone.getAgentState(found.id));
  if (seen.seen || until(status))
    return { kind: 'confirmed', agent: found, description: `now ${describeState(status)}` };
  return {
    kind: 'failed',
    agentId: op.agentId,
    agent: found,
    explanation: `The app restarted while confirming this change, and ${displayName(found)} still shows ${describeState(status)}.`,
  };
}
