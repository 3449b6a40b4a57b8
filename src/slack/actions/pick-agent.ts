import { errorCard } from '../blocks';
import type { SlackDeps } from '../deps';
import { pickAgentValueSchema } from '../payloads';
import { diagnosisCard, reportCard } from '../render-report';
import { type ButtonArgs, readClick } from './button';

/** "Show" / "Diagnose" next to a candidate of an ambiguous name: that agent's card, in place. */
export function pickAgentClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, pickAgentValueSchema);
    if (!click) return;
    const now = new Date(deps.now());
    try {
      const { card } = click.value.d
        ? diagnosisCard(await deps.service.diagnose(click.value.a), now)
        : reportCard(await deps.service.report(click.value.a), now);
      await click.respond(card, { replace: true });
    } catch (err) {
      args.logger.warn({ err }, 'could not show the picked agent');
      await click.respond(errorCard(err), { replace: true });
    }
  };
}
