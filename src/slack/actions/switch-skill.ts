import { runSwitch } from '../changes';
import type { SlackDeps } from '../deps';
import { switchValueSchema } from '../payloads';
import { type ButtonArgs, readClick, targetOf } from './button';

/** "Switch to <skill>" after a 409: log out of the conflicting skill, log in to the target, verify. */
export function switchClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, switchValueSchema);
    if (!click) return;
    await runSwitch(
      deps,
      { agentId: click.value.a, userId: click.userId, respond: click.respond, message: click.message },
      click.value.f,
      targetOf(click.value),
    );
  };
}
