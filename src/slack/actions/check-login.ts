import { z } from 'zod';
import { checkedAgainCard, errorCard } from '../blocks';
import type { SlackDeps } from '../deps';
import { type ButtonArgs, readClick } from './button';

const id = z.guid();
export const checkLoginValueSchema = z.object({ a: id, s: id, ac: id.optional() });

/**
 * **Check again** on a login that was not visible yet: one re-read of the agent's states, no change. The
 * card turns to verified when the login has appeared, or says when it was looked at. Reading needs no
 * supervisor rights, like the status card.
 */
export function checkLoginClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, checkLoginValueSchema);
    if (!click) return;
    const { a, s, ac } = click.value;
    try {
      const report = await deps.service.report(a);
      if (report.kind !== 'report') {
        await click.respond(errorCard(new Error('That agent is no longer in CXone.')), { replace: true });
        return;
      }
      const state = report.states.find((st) => st.state.skillId.toLowerCase() === s.toLowerCase());
      const skillName =
        state?.skillName ?? (await deps.service.listSkills()).find((k) => k.id === s)?.name ?? 'the skill';
      const target = { skillId: s, skillName, ...(ac ? { activityId: ac } : {}) };
      await click.respond(checkedAgainCard(report.agent, target, state, new Date(deps.now())), {
        replace: true,
      });
    } catch (err) {
      args.logger.warn({ err }, 'check again failed');
      await click.respond(errorCard(err));
    }
  };
}
