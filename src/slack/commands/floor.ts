import { sameId } from '../../agentstate/deps';
import { UnknownScopeError } from '../../agentstate/floor/model';
import type { DroppedFromSkill } from '../../agentstate/floor/skill-floor';
import type { Card } from '../blocks/kit';
import type { SlackDeps } from '../deps';
import type { Command } from '../grammar';
import { ACTION } from '../ids';
import { floorCard, floorSummaryCard, unknownScopeCard } from '../sessions/floor-card';
import type { SubcommandHandler } from './context';

const V2_FLOOR = { refresh: ACTION.floorRefresh, fix: ACTION.floorFix };

/** `/agentstate floor [skill]` on the tutorial's API: a skill's logged-in agents, or a line per skill. */
export const floor: SubcommandHandler<Extract<Command, { kind: 'floor' }>> = async (ctx, cmd) => {
  await ctx.respond(await skillFloorView(ctx.deps, cmd.scope));
  return 'ok';
};

/**
 * The app's watch records as a skill's roster of absentees: open drop notices name the skill an agent was
 * last in. Without a database the floor shows CXone's part alone.
 */
export function droppedFrom(deps: SlackDeps): DroppedFromSkill | undefined {
  const openDrops = deps.store?.watcher?.openDrops;
  if (!openDrops) return undefined;
  return async (skillId) => {
    const open = await deps.health.run(() => openDrops.call(deps.store?.watcher));
    return open
      .filter((d) => d.lastSkill && sameId(d.lastSkill, skillId))
      .map((d) => ({ agentId: d.agentId, droppedAt: d.droppedAt }));
  };
}

export async function skillFloorView(deps: SlackDeps, skill?: string, showAll = false): Promise<Card> {
  try {
    const view = await deps.service.floor(skill, droppedFrom(deps));
    return 'kind' in view
      ? floorSummaryCard(view, V2_FLOOR)
      : floorCard(view, { showAll, actions: V2_FLOOR });
  } catch (err) {
    if (!(err instanceof UnknownScopeError)) throw err;
    return unknownScopeCard(err);
  }
}
