import type { AgentStatus, SessionAgent } from './model';
import type { ChangeOptions, SessionDeps } from './types';
import { waitForState } from './verify';

export interface AwaitedLogin {
  /** The agent is logged in and available (or already working) within the window. */
  seen: boolean;
  status: AgentStatus;
  elapsedMs: number;
}

/**
 * After a supervisor asked a logged-out agent to log in (only the agent can start a session): poll the
 * agent's state until they are in and available, within the verification window.
 */
export async function awaitLogin(
  deps: SessionDeps,
  agent: SessionAgent,
  opts: ChangeOptions = {},
): Promise<AwaitedLogin> {
  const startedAt = deps.clock.now();
  const result = await waitForState(deps, {
    agentId: agent.id,
    startedAt,
    timeoutMs: opts.timeoutMs ?? deps.verifyTimeoutMs,
    until: (s) => s.kind === 'available' || s.kind === 'working',
    phase: 'waiting for the agent to log in',
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  const status = result.last ?? (await deps.cxone.getAgentState(agent.id));
  return { seen: result.seen, status, elapsedMs: result.elapsedMs };
}
