import { sameId, sameName, type UseCaseDeps } from '../deps';
import { type Agent, displayName } from '../model';
import type { Roster } from '../roster';
import { buildFloor, emptyCounts } from './group';
import { type Floor, type FloorAgent, type FloorSummary, UnknownScopeError } from './model';

/**
 * The floor of one skill in the tutorial's API, where an agent is "in" a skill by being logged in to it:
 * the agents logged in to the skill, grouped by activity (the configured default activity — Available —
 * is taking contacts; any other activity is "unavailable" with the activity as the reason). Built from one
 * bulk read of states, the cached skill and activity catalog, and the cached roster for names. Without a
 * skill, one line per skill. The API has no notion of who belongs to a skill but is logged out, so
 * logged-out agents are not on this floor (the watch list is the app's own roster for that).
 */
/**
 * The app's own roster of a skill's absentees: watched agents whose drop out of that skill is still open
 * (the watcher records the skill an agent was last in). Given by the surface, which holds the store.
 */
export type DroppedFromSkill = (skillId: string) => Promise<Array<{ agentId: string; droppedAt: Date }>>;

export async function skillFloor(
  deps: Pick<UseCaseDeps, 'cxone' | 'catalog' | 'clock' | 'defaults'>,
  roster: Roster<Agent>,
  skillRef?: string,
  dropped?: DroppedFromSkill,
): Promise<Floor | FloorSummary> {
  const [bulk, skills, activities, agents] = await Promise.all([
    deps.cxone.getAllAgentStates(),
    deps.catalog.skills(),
    deps.catalog.activities(),
    roster.all(),
  ]);
  const readAt = new Date(deps.clock.now());
  const nameOf = new Map(agents.map((a) => [a.id.toLowerCase(), a]));
  const activityName = new Map(activities.map((a) => [a.id.toLowerCase(), a.name]));
  const isAvailable = (activityId: string) => {
    const name = activityName.get(activityId.toLowerCase());
    return name !== undefined && sameName(name, deps.defaults.activity);
  };
  const inSkill = (skillId: string) => bulk.states.filter((s) => sameId(s.skillId, skillId));
  const toFloorAgent = (s: (typeof bulk.states)[number]): FloorAgent => {
    const agent = nameOf.get(s.agentId.toLowerCase());
    const activity = activityName.get(s.activityId.toLowerCase()) ?? 'unknown activity';
    const available = isAvailable(s.activityId);
    return {
      id: s.agentId,
      name: agent ? displayName(agent) : `Agent ${s.agentId.slice(0, 8)}`,
      ...(agent?.email ? { email: agent.email } : {}),
      kind: available ? 'available' : 'unavailable',
      label: activity,
      ...(available ? {} : { reason: activity }),
      since: new Date(s.loginTime),
    };
  };

  const active = skills.filter((s) => s.isActive);
  if (skillRef === undefined) {
    const rows = active
      .map((skill) => {
        const counts = emptyCounts();
        const states = inSkill(skill.id);
        for (const s of states) counts[isAvailable(s.activityId) ? 'available' : 'unavailable'] += 1;
        return {
          scope: { kind: 'skill' as const, id: skill.id, name: skill.name },
          counts,
          total: states.length,
        };
      })
      .sort((a, b) => a.scope.name.localeCompare(b.scope.name));
    return { kind: 'summary', rows, readAt };
  }
  const skill = skills.find((s) => sameId(s.id, skillRef.trim()) || sameName(s.name, skillRef));
  if (!skill) throw new UnknownScopeError('skill', skillRef.trim(), active.map((s) => s.name).sort());
  const floorAgents = inSkill(skill.id).map(toFloorAgent);
  const present = new Set(floorAgents.map((a) => a.id.toLowerCase()));
  const gone = (dropped ? await dropped(skill.id) : [])
    .filter((d) => !present.has(d.agentId.toLowerCase()))
    .filter((d, i, all) => all.findIndex((x) => sameId(x.agentId, d.agentId)) === i)
    .map((d): FloorAgent => {
      const agent = nameOf.get(d.agentId.toLowerCase());
      return {
        id: d.agentId,
        name: agent ? displayName(agent) : `Agent ${d.agentId.slice(0, 8)}`,
        ...(agent?.email ? { email: agent.email } : {}),
        kind: 'logged_out',
        label: 'Logged out',
        since: d.droppedAt,
      };
    });
  const fixes = [
    {
      id: 'log_back_in_watched' as const,
      label: `Log the ${gone.length} watched agent${gone.length === 1 ? '' : 's'} who dropped out of ${skill.name} back in`,
      agents: gone,
    },
  ];
  return buildFloor(
    { kind: 'skill', id: skill.id, name: skill.name },
    [...floorAgents, ...gone],
    readAt,
    fixes,
  );
}
