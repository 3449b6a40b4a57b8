import { displayName } from '../../agentstate/model';
import { type Card, errorCard, shareFailedCard } from '../blocks';
import { type SharedChange, sharedCard, sharedChangeCard } from '../blocks/share';
import { skillsNow } from '../commands/skills';
import type { SlackDeps } from '../deps';
import { type ShareValue, shareValueSchema } from '../payloads';
import { diagnosisCard, reportCard } from '../render-report';
import { type ButtonArgs, readClick } from './button';

async function render(deps: SlackDeps, value: ShareValue, userId: string): Promise<Card> {
  const now = new Date(deps.now());
  switch (value.k) {
    case 'status':
      return sharedCard(reportCard(await deps.service.report(value.a), now).card, userId);
    case 'diagnose':
      return sharedCard(diagnosisCard(await deps.service.diagnose(value.a), now).card, userId);
    case 'skills':
      return sharedCard(await skillsNow(deps.service), userId);
    case 'change':
      return sharedChangeCard(await nameChange(deps, value), userId);
  }
}

/** The ids of a shared change as names read from CXone now; an id stands in for one CXone no longer has. */
async function nameChange(deps: SlackDeps, v: Extract<ShareValue, { k: 'change' }>): Promise<SharedChange> {
  const [agent, skills, activities] = await Promise.all([
    deps.service.resolveAgent(v.a),
    v.s?.length || v.f ? deps.service.listSkills() : [],
    v.ac ? deps.service.listActivities() : [],
  ]);
  const skillName = (id: string) => skills.find((s) => s.id === id)?.name ?? id;
  const activity = v.ac ? (activities.find((a) => a.id === v.ac)?.name ?? v.ac) : undefined;
  return {
    agentId: v.a,
    agentName: agent.kind === 'found' ? displayName(agent.agent) : v.a,
    outcome: v.o,
    skills: (v.s ?? []).map(skillName),
    ...(activity ? { activity } : {}),
    ...(v.f ? { conflicting: skillName(v.f) } : {}),
    ...(v.ms === undefined ? {} : { verifyMs: v.ms }),
  };
}

/**
 * "Share in channel": posts the card for everyone with chat.postMessage. It is rendered afresh from the
 * ids in the button, since an ephemeral message's blocks are not part of the click payload, and so that
 * a forged value can never make the app post words of someone else's choosing. chat:write.public covers
 * public channels the app is not in; private channels and DMs need the app invited.
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
      card = await render(deps, click.value, click.userId);
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
