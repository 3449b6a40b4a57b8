import type { LoginTarget } from '../../agentstate/types';
import {
  errorCard,
  loadingModal,
  loginModal,
  membershipUnknownCard,
  messageModal,
  modalFailedCard,
  notFoundCard,
  refusalCard,
} from '../blocks';
import { inactiveAgentCard } from '../blocks/confirm-cards';
import type { SlackDeps } from '../deps';
import { modalValueSchema } from '../payloads';
import { responseUrlPolicy } from '../response-urls';
import { type ButtonArgs, readClick, targetOf } from './button';

/**
 * "Log agent in…" / "Other skill…" / "Choose state and activity…": the login modal. Slack's trigger_id
 * expires 3 s after the click, so a loading view opens first and the form replaces it (views.update)
 * once agent, default target and activities are read. The modal keeps this click's response_url so the
 * submission can turn the original card into progress and result.
 */
export function openLoginModalClicked(deps: SlackDeps) {
  const replies = responseUrlPolicy(deps.config.slack.apiUrl);
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, modalValueSchema);
    if (!click) return;
    const auth = await deps.supervisors.authorise(click.userId);
    if (auth !== 'allowed') {
      await click.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
      return;
    }
    let opened: Awaited<ReturnType<typeof args.client.views.open>>;
    try {
      opened = await args.client.views.open({ trigger_id: args.body.trigger_id, view: loadingModal() });
    } catch (err) {
      // Typically expired_trigger_id when Slack delivered the click late: say so rather than do nothing.
      args.logger.warn({ err }, 'views.open failed');
      await click.respond(
        modalFailedCard((err as { data?: { error?: string } }).data?.error ?? 'Slack error'),
      );
      return;
    }
    const update = (view: ReturnType<typeof loadingModal>) =>
      args.client.views.update({ view_id: opened.view?.id ?? '', hash: opened.view?.hash ?? '', view });
    try {
      const resolution = await deps.service.resolveAgent(click.value.a);
      if (resolution.kind !== 'found') {
        await update(messageModal(notFoundCard(click.value.a).blocks));
        return;
      }
      const agent = resolution.agent;
      if (!agent.isActive) {
        await update(messageModal(inactiveAgentCard(agent).blocks));
        return;
      }
      const [target, activities] = await Promise.all([
        deps.service
          .resolveTarget(agent, targetOf(click.value))
          .catch((): LoginTarget | undefined => undefined),
        deps.service.listActivities(),
      ]);
      const metadata = {
        a: agent.id,
        // Checked at the door already (response-urls.ts); checked again because the modal stores it.
        ...(args.body.response_url && replies.allows(args.body.response_url)
          ? { ru: args.body.response_url }
          : {}),
        ...(click.message ? { c: click.message.channel } : {}),
      };
      await update(
        loginModal({ agent, metadata, target, activities, states: click.value.vs, stateId: click.value.st }),
      );
    } catch (err) {
      args.logger.warn({ err }, 'could not build the login modal');
      await update(messageModal(errorCard(err).blocks)).catch((e) =>
        args.logger.error({ err: e }, 'views.update failed'),
      );
    }
  };
}
