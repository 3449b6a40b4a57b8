import { runLogout } from '../changes';
import type { SlackDeps } from '../deps';
import { logoutValueSchema } from '../payloads';
import { type ButtonArgs, readClick } from './button';

/** "Log out" on the confirm card of `/agentstate logout`. */
export function logoutClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, logoutValueSchema);
    if (!click) return;
    await runLogout(
      deps,
      { agentId: click.value.a, userId: click.userId, respond: click.respond, message: click.message },
      click.value.s,
    );
  };
}
