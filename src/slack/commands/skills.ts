import { skillsCard, withShareButton } from '../blocks';
import type { SubcommandHandler } from './context';

/** `/agentstate skills`: every skill with its id. */
export const skills: SubcommandHandler<unknown> = async (ctx) => {
  const list = await ctx.deps.service.listSkills();
  await ctx.respond(withShareButton(skillsCard(list), { k: 'skills' }));
  return 'ok';
};
