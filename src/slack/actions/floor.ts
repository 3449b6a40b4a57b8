import { runBulkFix } from '../bulk-fix';
import { droppedFrom, skillFloorView } from '../commands/floor';
import type { SlackDeps } from '../deps';
import { floorFixValueSchema, floorValueSchema } from '../sessions/values';
import { type ButtonArgs, readClick } from './button';

/** Refresh / Show all / Open on a skill's floor card: drawn again in place from a fresh read. */
export function floorRefreshClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, floorValueSchema);
    if (!click) return;
    await click.respond(await skillFloorView(deps, click.value.t, click.value.all), { replace: true });
  };
}

/** "Log the N watched agents who dropped out of <skill> back in", or its dry run. */
export function floorFixClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, floorFixValueSchema);
    if (!click) return;
    const skill = click.value.t;
    await runBulkFix(
      deps,
      click,
      () => deps.service.floor(skill, droppedFrom(deps)),
      (fix, recorder, onProgress) => deps.service.logBackIn(fix, skill, recorder, { onProgress }),
    );
  };
}
