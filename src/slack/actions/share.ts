import { type Card, errorCard, section, shareFailedCard, skillsCard } from '../blocks';
import { sharedCard } from '../blocks/share';
import type { SlackDeps } from '../deps';
import { type ShareValue, shareValueSchema } from '../payloads';
import { diagnosisCard, reportCard } from '../render-report';
import { type ButtonArgs, readClick } from './button';

async function render(deps: SlackDeps, value: ShareValue): Promise<Card> {
  const now = new Date(deps.now());
  switch (value.k) {
    case 'status':
      return reportCard(await deps.service.report(value.a), now).card;
    case 'diagnose':
      return diagnosisCard(await deps.service.diagnose(value.a), now).card;
    case 'skills':
      return skillsCard(await deps.service.listSkills());
    case 'text':
      return { text: value.t, blocks: [section(value.t)] };
  }
}

/**
 * "Share in channel": posts the card for everyone with chat.postMessage. It is rendered afresh, since an
 * ephemeral message's blocks are not part of the click payload. chat:write.public covers public channels
 * the app is not in; private channels and DMs need the app invited.
 */
export function shareClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, shareValueSchema);
    if (!click) return;
    const channel = args.body.channel?.id ?? args.body.container?.channel_id;
    if (!channel) {
      await click.respond(shareFailedCard('no channel in the click'));
      return;
    }
    let card: Card;
    try {
      card = sharedCard(await render(deps, click.value), click.userId);
    } catch (err) {
      await click.respond(errorCard(err));
      return;
    }
    try {
      await args.client.chat.postMessage({
        channel,
        text: card.text,
        blocks: card.blocks,
        unfurl_links: false,
      });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? 'Slack error';
      args.logger.warn({ err, channel }, 'share failed');
      await click.respond(shareFailedCard(code));
    }
  };
}
