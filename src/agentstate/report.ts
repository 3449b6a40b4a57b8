import { parseAgentRef } from './agent-ref';
import type { UseCaseDeps } from './deps';
import { diagnose } from './diagnose';
import type { AgentState } from './model';
import { resolveAndRemember } from './resolve-agent';
import type { AgentRef, ReportResult, Resolution } from './types';

/**
 * The status card: who the agent is and what states it has (Step 1 of the tutorial). An empty list is
 * the question supervisors actually ask about, so it comes with the diagnosis of why, built from the
 * states just fetched rather than asking CXone twice.
 */
export async function report(deps: UseCaseDeps, ref: AgentRef): Promise<ReportResult> {
  const { resolution, states: raw } = await findAgentAndStates(deps, ref);
  if (resolution.kind !== 'found') return resolution;
  const { agent } = resolution;

  const checkedAt = new Date(deps.clock.now());
  const states = await deps.catalog.resolve(raw);
  if (states.length > 0) return { kind: 'report', agent, states, checkedAt };

  const diagnosis = await diagnose(deps, ref, { agent, states: raw });
  return { kind: 'report', agent, states, checkedAt, diagnosis };
}

/**
 * A status card must cost about one CXone round trip. For an id the states are read while the agent is
 * looked up (or not looked up at all when it was found a moment ago); for a name or email the id is only
 * known after the search, so the two calls follow each other.
 */
async function findAgentAndStates(
  deps: UseCaseDeps,
  ref: AgentRef,
): Promise<{ resolution: Resolution; states: AgentState[] }> {
  const parsed = parseAgentRef(ref);
  if (parsed.kind === 'id') {
    const known = deps.agents?.get(parsed.id);
    const states = deps.cxone.getAgentStates(parsed.id);
    if (known) return { resolution: { kind: 'found', agent: known }, states: await states };
    // Until the lookup says the agent exists, a 404 from the states read is the lookup's to report.
    states.catch(() => undefined);
    const resolution = await resolveAndRemember(deps, ref);
    return { resolution, states: resolution.kind === 'found' ? await states : [] };
  }
  const resolution = await resolveAndRemember(deps, ref);
  if (resolution.kind !== 'found') return { resolution, states: [] };
  return { resolution, states: await deps.cxone.getAgentStates(resolution.agent.id) };
}
