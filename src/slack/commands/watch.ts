import { type Agent, displayName } from '../../agentstate/model';
import { recordWatchBaseline } from '../../agentstate/watch';
import type { WatchMention } from '../../store/port';
import { watchConfirmationCard, watchStartedCard, watchWithdrawnCard } from '../blocks';
import { type Card, context, type Mrkdwn, md, type SafeText } from '../blocks/kit';
import { watchMention } from '../blocks/mrkdwn';
import { type Command, channelOf } from '../grammar';
import type { SlackStore } from '../store-health';
import { v2Lookup } from './agent-arg';
import { agentAndChannel } from './agent-words';
import { allowedToChange } from './authorise';
import type { CommandContext, SubcommandHandler } from './context';
import { requireStore } from './store-gate';
import { startWatching } from './watch-flow';

/**
 * `/agentstate watch <agent> [#channel] [@someone|@here]`: the channel (default: this one) gets a message when the agent
 * drops out of every skill. The confirmation is posted *before* anything is stored, because it is the only
 * reliable test that the app may post there: a private channel it was never invited to, an archived one or
 * a restricted one must fail now, with a clear reply, not silently at the first drop.
 */
export const watch: SubcommandHandler<Extract<Command, { kind: 'watch' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx, 'watch'))) return 'refused';
  const store = await requireStore(ctx, 'Watching agents', 'watch');
  if (!store) return 'error';
  // A pick among several agents goes on watching in the channel named after the name, or in this one.
  const lookup = v2Lookup(ctx, (rest) => ({
    c: 'watch',
    x: (rest[0] && channelOf(rest[0])) || ctx.channelId,
  }));
  const { words, mention } = trailingMention(cmd.words ?? []);
  const found = await agentAndChannel(ctx, lookup, 'watch', cmd.agent, words);
  if (!found.ok) return found.outcome;
  return watchAgent(ctx, store, found.agent, found.channel ?? ctx.channelId, mention);
};

/**
 * `watch <agent> [#channel] [@someone|@here]`: who the drop notices mention is the last word, read here so
 * the agent resolver sees only the name and the channel. Slack sends a picked member as `<@U…|name>` and
 * @here as `<!here>`; a typed `@here` is taken too. Anything else stays a word for the resolver to refuse.
 */
export function trailingMention(all: readonly string[]): { words: string[]; mention?: WatchMention } {
  const words = [...all];
  const last = words.at(-1);
  if (words.length === 0 || last === undefined) return { words };
  const user = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(last);
  if (user) return { words: words.slice(0, -1), mention: { kind: 'user', userId: user[1]! } };
  if (/^<!here(?:\|[^>]*)?>$/.test(last) || last === '@here')
    return { words: words.slice(0, -1), mention: { kind: 'here' } };
  return { words };
}

/** Watching one known agent: from the command, or from a candidate picked among several. */
export async function watchAgent(
  ctx: CommandContext,
  store: SlackStore,
  agent: Agent,
  channel: string,
  mention?: WatchMention,
) {
  return startWatching(ctx, store, {
    agent,
    channel,
    async cards() {
      const note = joinNotes(
        await cannotReportYet(ctx, agent),
        mention && md`Drop notices will mention ${watchMention(mention)}.`,
      );
      return {
        confirmation: withNote(watchConfirmationCard(agent, ctx.userId), note),
        withdrawn: watchWithdrawnCard(agent),
        started: withNote(watchStartedCard(agent, channel, ctx.channelId), note),
      };
    },
    ...(mention ? { extra: { mention } } : {}),
    recordBaseline: (at) => recordBaseline(ctx, store, agent, at),
  });
}

/**
 * A drop is a fall out of every skill, so an agent logged out (or deactivated) now has nothing to drop
 * from: the confirmation says that nothing can be reported until they log in (or are reactivated).
 */
async function cannotReportYet(ctx: CommandContext, agent: Agent): Promise<Mrkdwn | undefined> {
  const name = displayName(agent);
  if (!agent.isActive)
    return md`${name} is deactivated in CXone: nothing can be reported until the account is reactivated and they log in.`;
  const report = await ctx.deps.service.report(agent.id).catch(() => undefined);
  if (report?.kind !== 'report' || report.states.length > 0) return undefined;
  return md`${name} is not logged in to any skill now: nothing can be reported until they log in.`;
}

function joinNotes(a: Mrkdwn | undefined, b: Mrkdwn | undefined): Mrkdwn | undefined {
  return a && b ? md`${a} ${b}` : (a ?? b);
}

/** Both parts are escaped already (a card's text, and mrkdwn): joined, not escaped twice. */
function withNote(c: Card, note: Mrkdwn | undefined): Card {
  if (!note) return c;
  const text = `${c.text} ${note.toString()}` as SafeText;
  return { text, blocks: [...c.blocks, context(md`:information_source: ${note}`)] };
}

/** Best effort: the watch stands without it, only a drop in the next few seconds could go unreported. */
async function recordBaseline(ctx: CommandContext, store: SlackStore, agent: Agent, at: Date): Promise<void> {
  if (!store.watcher) return;
  const watcher = store.watcher;
  try {
    const report = await ctx.deps.service.report(agent.id);
    if (report.kind !== 'report') return;
    const states = report.states.map((s) => s.state);
    await ctx.deps.health.run(() => recordWatchBaseline(watcher, agent.id, states, at));
  } catch (err) {
    ctx.log.warn({ err, agentId: agent.id }, 'watch baseline not recorded; the next cycle sets it');
  }
}
