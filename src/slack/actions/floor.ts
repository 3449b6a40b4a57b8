import { skillFloorView } from '../commands/floor';
import type { SlackDeps } from '../deps';
import { floorValueSchema } from '../sessions/values';
import { type ButtonArgs, readClick } from './button';

/** Refresh / Show all / Open on a skill's floor card: drawn again in place from a fresh read. */
export function floorRefreshClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, floorValueSchema);
    if (!click) return;
    await click.respond(await skillFloorView(deps, click.value.t, click.value.all), { replace: true });
  };
}
