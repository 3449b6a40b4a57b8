import type { AgentStateService } from '../../agentstate/types';
import { type Card, skillsCard, withShareButton } from '../blocks';
import type { SubcommandHandler } from './context';

/** `/agentstate skills`: every skill with how many agents are in it now. */
export const skills: SubcommandHandler<unknown> = async (ctx) => {
  await ctx.respond(withShareButton(await skillsNow(ctx.deps.service), { k: 'skills' }));
  return 'ok';
};

/**
 * The skills and, from the floor summary (one bulk read of states, counted per skill), how many agents are
 * in each. The list stands on its own: when the bulk read fails the card says the counts are missing.
 */
export async function skillsNow(service: AgentStateService): Promise<Card> {
  const [list, floor] = await Promise.all([service.listSkills(), service.floor().catch(() => undefined)]);
  const counts =
    floor && 'kind' in floor && floor.kind === 'summary'
      ? new Map(floor.rows.map((r) => [r.scope.id.toLowerCase(), r.total]))
      : undefined;
  return skillsCard(list, counts);
}
