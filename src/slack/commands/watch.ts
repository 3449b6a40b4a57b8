import { type Agent, displayName } from '../../agentstate/model';
import {
  alreadyWatchingCard,
  cannotPostCard,
  storeDownCard,
  watchConfirmationCard,
  watchStartedCard,
  watchWithdrawnCard,
} from '../blocks';
import type { Command } from '../grammar';
import { slackErrorCode } from '../slack-errors';
import { type SlackStore, storeReason } from '../store-health';
import { resolveOne } from './agent-arg';
import { allowedToChange } from './authorise';
import type { CommandContext, SubcommandHandler } from './context';
import { requireStore } from './store-gate';

/**
 * `/agentstate watch <agent> [#channel]`: the channel (default: this one) gets a message when the agent
 * drops out of every skill. The confirmation is posted *before* anything is stored, because it is the only
 * reliable test that the app may post there: a private channel it was never invited to, an archived one or
 * a restricted one must fail now, with a clear reply, not silently at the first drop.
 */
export const watch: SubcommandHandler<Extract<Command, { kind: 'watch' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx, 'watch'))) return 'refused';
  const store = await requireStore(ctx, 'Watching agents', 'watch');
  if (!store) return 'error';
  const found = await resolveOne(ctx, cmd.agent);
  if (!found.ok) return found.outcome;
  const agent = found.agent;
  const channel = cmd.channel ?? ctx.channelId;
  const log = ctx.log.child({ agentId: agent.id, channelId: channel });

  let existing: Awaited<ReturnType<SlackStore['subscriptions']['listByChannel']>>;
  try {
    existing = await ctx.deps.health.run(() => store.subscriptions.listByChannel(channel));
  } catch (err) {
    await ctx.respond(storeDownCard(storeReason(err), 'watch'));
    return 'error';
  }
  const already = existing.find((s) => s.agentId === agent.id);
  if (already) {
    await ctx.respond(alreadyWatchingCard(agent, channel, already));
    return 'ok';
  }

  const confirmation = await postConfirmation(ctx, agent, channel);
  if (!confirmation.ok) {
    log.info({ code: confirmation.code }, 'watch refused: cannot post in the channel');
    await ctx.respond(cannotPostCard(channel, confirmation.code));
    return 'error';
  }
  try {
    await ctx.deps.health.run(() =>
      store.subscriptions.add({
        channelId: channel,
        agentId: agent.id,
        agentName: displayName(agent),
        createdBy: ctx.userId,
      }),
    );
  } catch (err) {
    log.error({ err }, 'watch not stored');
    await withdraw(ctx, agent, channel, confirmation.ts);
    await ctx.respond(storeDownCard(storeReason(err), 'watch'));
    return 'error';
  }
  await ctx.deps.audit.record({
    at: new Date(ctx.deps.now()),
    actor: ctx.userId,
    action: 'watch',
    agent: { id: agent.id, name: displayName(agent) },
    channel,
    outcome: 'ok',
  });
  await ctx.respond(watchStartedCard(agent, channel));
  return 'ok';
};

type Posted = { ok: true; ts: string } | { ok: false; code: string };

async function postConfirmation(ctx: CommandContext, agent: Agent, channel: string): Promise<Posted> {
  const card = watchConfirmationCard(agent, ctx.userId);
  try {
    const res = await ctx.deps.client.chat.postMessage({
      channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
    });
    return { ok: true, ts: res.ts ?? '' };
  } catch (err) {
    return { ok: false, code: slackErrorCode(err) };
  }
}

/** The channel was told "watching" but the store said no: correct that message rather than leave it. */
async function withdraw(ctx: CommandContext, agent: Agent, channel: string, ts: string): Promise<void> {
  if (!ts) return;
  const card = watchWithdrawnCard(agent);
  await ctx.deps.client.chat
    .update({ channel, ts, text: card.text, blocks: card.blocks })
    .catch((err) => ctx.log.warn({ err }, 'could not withdraw the watch confirmation'));
}
