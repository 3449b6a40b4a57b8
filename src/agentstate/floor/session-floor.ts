import { displayName, plural } from '../model';
import type { Roster } from '../roster';
import type { AgentStatus, SessionAgent } from '../sessions/model';
import type { SessionCxonePort } from '../sessions/port';
import type { Capability } from '../sessions/types';
import { buildFloor, emptyCounts, groupKeyOf } from './group';
import { type BulkFix, type Floor, type FloorAgent, type FloorSummary, UnknownScopeError } from './model';

export interface SessionFloorDeps {
  cxone: SessionCxonePort;
  roster: Roster<SessionAgent>;
  capabilities: readonly Capability[];
  now: () => Date;
}

const CONTACT_LABELS: Record<string, string> = {
  InboundContact: 'Inbound contact',
  OutboundContact: 'Outbound contact',
  InboundConsult: 'Inbound consult',
  OutboundConsult: 'Outbound consult',
  Dialer: 'Dialer',
};

/**
 * The floor of one team in the session model: the team's roster (cached directory data) joined with one
 * bulk read of every agent's state. Without a team, one summary line per team from the same read.
 */
export async function sessionFloor(deps: SessionFloorDeps, team?: string): Promise<Floor | FloorSummary> {
  const agents = await deps.roster.all();
  const active = agents.filter((a) => a.isActive && a.teamId);
  const teams = new Map<string, string>();
  for (const a of active) teams.set(a.teamId as string, a.teamName ?? `Team ${a.teamId}`);
  const wanted = team === undefined ? undefined : [...teams].find(([id, name]) => sameTeam(id, name, team));
  if (team !== undefined && !wanted)
    throw new UnknownScopeError('team', team.trim(), [...teams.values()].sort());
  // A team's floor needs its members' states only: the rest of the tenant's are left unread.
  const agentIds = wanted
    ? new Set(active.filter((a) => a.teamId === wanted[0]).map((a) => a.id))
    : undefined;
  const bulk = await deps.cxone.getAllAgentStates(undefined, agentIds ? { agentIds } : undefined);
  const readAt = deps.now();
  const stateOf = new Map(bulk.states.map((s) => [s.agentId, s]));

  if (team === undefined) {
    const rows = [...teams].map(([id, name]) => {
      const counts = emptyCounts();
      const members = active.filter((a) => a.teamId === id);
      for (const a of members) counts[groupKeyOf(floorAgent(a, stateOf.get(a.id)))] += 1;
      return { scope: { kind: 'team' as const, id, name }, counts, total: members.length };
    });
    rows.sort((a, b) => a.scope.name.localeCompare(b.scope.name));
    return { kind: 'summary', rows, readAt };
  }

  const [id, name] = wanted as [string, string];
  const floorAgents = active.filter((a) => a.teamId === id).map((a) => floorAgent(a, stateOf.get(a.id)));
  return buildFloor(
    { kind: 'team', id, name },
    floorAgents,
    readAt,
    sessionFixes(floorAgents, deps.capabilities),
  );
}

function sameTeam(id: string, name: string, typed: string): boolean {
  return id === typed.trim() || name.toLowerCase() === typed.trim().toLowerCase();
}

/** An agent the bulk read did not list has no session: logged out, since unknown. */
export function floorAgent(agent: SessionAgent, status: AgentStatus | undefined): FloorAgent {
  const base = { id: agent.id, name: displayName(agent), email: agent.email || undefined };
  if (!status) return { ...base, kind: 'logged_out', label: 'Logged out' };
  const label =
    status.kind === 'working'
      ? (CONTACT_LABELS[status.state] ?? status.state)
      : {
          available: 'Available',
          unavailable: 'Unavailable',
          logged_in_no_state: 'Logged in, no state',
          logged_out: 'Logged out',
        }[status.kind];
  return { ...base, kind: status.kind, label, reason: status.reason?.name, since: status.since };
}

/** What one click can fix here, in this dialect: only what the capabilities allow. */
function sessionFixes(agents: FloorAgent[], capabilities: readonly Capability[]): BulkFix[] {
  const fixes: BulkFix[] = [];
  const noReason = agents.filter(
    (a) => a.kind === 'logged_in_no_state' || (a.kind === 'unavailable' && !a.reason),
  );
  if (capabilities.includes('make_available'))
    fixes.push({
      id: 'make_available',
      label: `Make the ${plural(noReason.length, 'agent')} with no state or unavailable without a reason available`,
      agents: noReason,
    });
  const out = agents.filter((a) => a.kind === 'logged_out');
  fixes.push(
    capabilities.includes('start_session')
      ? {
          id: 'log_in_logged_out',
          label: `Log in the ${plural(out.length, 'logged-out agent')}`,
          agents: out,
        }
      : {
          id: 'ask_logged_out',
          label: `Ask the ${plural(out.length, 'logged-out agent')} to log in`,
          agents: out,
        },
  );
  return fixes;
}
