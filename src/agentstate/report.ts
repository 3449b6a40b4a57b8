import type { UseCaseDeps } from './deps';
import { diagnose } from './diagnose';
import { resolveAgent } from './resolve-agent';
import type { AgentRef, ReportResult } from './types';

/**
 * The status card: who the agent is and what states it has (Step 1 of the tutorial). An empty list is
 * the question supervisors actually ask about, so it comes with the diagnosis of why, built from the
 * states just fetched rather than asking CXone twice.
 */
export async function report(deps: UseCaseDeps, ref: AgentRef): Promise<ReportResult> {
  const resolution = await resolveAgent(deps.cxone, ref, deps.logger);
  if (resolution.kind !== 'found') return resolution;
  const { agent } = resolution;

  const raw = await deps.cxone.getAgentStates(agent.id);
  const checkedAt = new Date(deps.clock.now());
  const states = await deps.catalog.resolve(raw);
  if (states.length > 0) return { kind: 'report', agent, states, checkedAt };

  const diagnosis = await diagnose(deps, ref, { agent, states: raw });
  return { kind: 'report', agent, states, checkedAt, diagnosis };
}
