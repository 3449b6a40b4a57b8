import { displayName } from '../../agentstate/model';
import type { SessionReport } from '../../agentstate/sessions';
import { recordSessionBaseline } from '../../agentstate/watch';
import type { CommandOutcome } from '../../metrics';
import {
  alreadyWatchingCard,
  ambiguousCard,
  cannotPostCard,
  notFoundCard,
  storeDownCard,
  watchWithdrawnCard,
} from '../blocks';
import type { Card } from '../blocks/kit';
import { agentAndChannel } from '../commands/agent-words';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import type { SessionSlackDeps } from '../deps';
import type { Command } from '../grammar';
import { slackErrorCode } from '../slack-errors';
import { type SlackStore, StoreDownError } from '../store-health';
import { sessionLookup } from './resolve-one';
import { SESSION_ACTION } from './values';
import { sessionWatchConfirmationCard, sessionWatchStartedCard } from './watch-cards';

type Ctx = CommandContext<SessionSlackDeps>;

/**
 * `/agentstate watch <agent> [#channel]` on a real tenant: the channel (default: this one) gets a message
 * when the agent logs out of CXone. As in the tutorial dialect, the confirmation is posted in the channel
 * *before* anything is stored — the only reliable test that the app may post there — and the agent's state
 * read now becomes the watcher's baseline, so a logout in the seconds before the next cycle is reported.
 * An agent logged out or deactivated right now is watched too, with a note that nothing can be reported
 * until they log in (or are reactivated).
 */
export async function sessionWatch(
  ctx: Ctx,
  cmd: Extract<Command, { kind: 'watch' }>,
): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx, 'watch'))) return 'refused';
  const store = await requireStore(ctx, 'Watching agents', 'watch');
  if (!store) return 'error';
  const ref = await agentAndChannel(ctx, sessionLookup(ctx), 'watch', cmd.agent, cmd.words);
  if (!ref.ok) return ref.outcome;
  // The agent and its state in one read: the state is the baseline and says whether a note is due.
  const report = await ctx.deps.sessions.report(ref.ref);
  if (report.kind === 'ambiguous') {
    await ctx.respond(
      ambiguousCard(report.query, report.candidates, report.total, false, SESSION_ACTION.refresh),
    );
    return 'ok';
  }
  if (report.kind === 'not_found') {
    await ctx.respond(notFoundCard(report.query, ref.mention ? { mention: ref.mention } : {}));
    return 'not_found';
  }
  try {
    return await startWatching(ctx, store, report, ref.channel ?? ctx.channelId);
  } catch (err) {
    if (!(err instanceof StoreDownError)) throw err;
    await ctx.respond(storeDownCard(err.reason, 'watch'));
    return 'error';
  }
}

/** Store calls go through `health.run`, so a database failure arrives here as a StoreDownError. */
async function startWatching(ctx: Ctx, store: SlackStore, report: SessionReport, channel: string) {
  const { agent, status } = report;
  const { health } = ctx.deps;
  const existing = await health.run(() => store.subscriptions.listByChannel(channel));
  const already = existing.find((s) => s.agentId === agent.id);
  if (already) {
    await ctx.respond(alreadyWatchingCard(agent, channel, already));
    return 'ok';
  }
  const confirmation = await post(ctx, channel, sessionWatchConfirmationCard(agent, status, ctx.userId));
  if (!confirmation.ok) {
    ctx.log.info(
      { code: confirmation.code, channelId: channel },
      'watch refused: cannot post in the channel',
    );
    await ctx.respond(cannotPostCard(channel, confirmation.code));
    return 'error';
  }
  const name = displayName(agent);
  const sub = { channelId: channel, agentId: agent.id, agentName: name, createdBy: ctx.userId };
  await health
    .run(() => store.subscriptions.add(sub))
    .catch(async (err) => {
      await withdraw(ctx, channel, confirmation.ts, watchWithdrawnCard(agent));
      throw err;
    });
  const at = new Date(ctx.deps.now());
  await recordBaseline(ctx, store, report, at);
  await ctx.deps.audit.record({
    at,
    actor: ctx.userId,
    action: 'watch',
    agent: { id: agent.id, name },
    channel,
    outcome: 'ok',
  });
  await ctx.respond(sessionWatchStartedCard(agent, status, channel, ctx.channelId));
  return 'ok';
}

/** Best effort: the watch stands without it; only a logout before the next cycle could go unreported. */
async function recordBaseline(ctx: Ctx, store: SlackStore, report: SessionReport, at: Date): Promise<void> {
  const watcher = store.watcher;
  if (!watcher) return;
  try {
    await ctx.deps.health.run(() => recordSessionBaseline(watcher, report.agent.id, report.status, at));
  } catch (err) {
    ctx.log.warn({ err, agentId: report.agent.id }, 'watch baseline not recorded; the next cycle sets it');
  }
}

type Posted = { ok: true; ts: string } | { ok: false; code: string };

async function post(ctx: Ctx, channel: string, card: Card): Promise<Posted> {
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
async function withdraw(ctx: Ctx, channel: string, ts: string, card: Card): Promise<void> {
  if (!ts) return;
  await ctx.deps.client.chat
    .update({ channel, ts, text: card.text, blocks: card.blocks })
    .catch((err) => ctx.log.warn({ err }, 'could not withdraw the watch confirmation'));
}
