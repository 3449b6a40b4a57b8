import type { Reason, SessionAgent } from './model';
import { InvalidReasonError, type SessionDeps } from './types';

/**
 * The unavailable reasons a supervisor may set for this agent: its team's active codes (the tenant's when
 * the agent has no team), without after-call-work codes, which CXone only accepts during a contact.
 */
export async function reasonChoices(deps: SessionDeps, agent: SessionAgent): Promise<Reason[]> {
  const all = agent.teamId ? await deps.cxone.listTeamReasons(agent.teamId) : await deps.cxone.listReasons();
  return all.filter((r) => r.isActive && !r.isAcw);
}

/** A reason by id or by name in any case; anything else is refused with the valid list. */
export function matchReason(input: string, choices: Reason[]): Reason {
  const wanted = input.trim().toLowerCase();
  const found = choices.find((r) => r.id === input.trim() || r.name.trim().toLowerCase() === wanted);
  if (!found) throw new InvalidReasonError(input.trim(), choices);
  return found;
}
