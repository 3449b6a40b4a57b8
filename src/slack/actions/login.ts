import { runLogin } from '../changes';
import type { SlackDeps } from '../deps';
import { loginValueSchema } from '../payloads';
import { type ButtonArgs, readClick, targetOf } from './button';

/** "Log agent in", "Log in" on a confirm card, and "Retry": all the same guarded login. */
export function loginClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, loginValueSchema);
    if (!click) return;
    await runLogin(
      deps,
      { agentId: click.value.a, userId: click.userId, respond: click.respond, message: click.message },
      targetOf(click.value),
    );
  };
}
