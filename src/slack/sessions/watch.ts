import type { SessionReport } from '../../agentstate/sessions';
import { recordSessionBaseline } from '../../agentstate/watch';
import type { CommandOutcome } from '../../metrics';
import { ambiguousCard, notFoundCard, watchWithdrawnCard } from '../blocks';
import { agentAndChannel } from '../commands/agent-words';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import { startWatching } from '../commands/watch-flow';
import type { SessionSlackDeps } from '../deps';
import type { Command } from '../grammar';
import type { SlackStore } from '../store-health';
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
  const { agent, status } = report;
  const channel = ref.channel ?? ctx.channelId;
  return startWatching(ctx, store, {
    agent,
    channel,
    cards: async () => ({
      confirmation: sessionWatchConfirmationCard(agent, status, ctx.userId),
      withdrawn: watchWithdrawnCard(agent),
      started: sessionWatchStartedCard(agent, status, channel, ctx.channelId),
    }),
    recordBaseline: (at) => recordBaseline(ctx, store, report, at),
  });
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
