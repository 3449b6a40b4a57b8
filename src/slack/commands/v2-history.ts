import { type Agent, displayName } from '../../agentstate/model';
import { storeDownCard } from '../blocks';
import { auditSections } from '../blocks/audit-card';
import { type Card, capBlocks, card, context, header, md, section } from '../blocks/kit';
import type { Command } from '../grammar';
import { storeReason } from '../store-health';
import { v2Lookup } from './agent-arg';
import { onlyAgent } from './agent-words';
import type { CommandContext, SubcommandHandler } from './context';
import { requireStore } from './store-gate';

export const V2_HISTORY_LIMIT = 20;

/**
 * `/agentstate history <agent>` on the tutorial's API, which keeps no state history: what the app itself
 * saw (the changes made through it), and plainly that this is all there is.
 */
export const v2History: SubcommandHandler<Extract<Command, { kind: 'history' }>> = async (ctx, cmd) => {
  const lookup = v2Lookup(ctx, () => ({ c: 'history' }));
  const found = await onlyAgent(ctx, lookup, 'history', cmd.agent, cmd.words);
  if (!found.ok) return found.outcome;
  return historyOf(ctx, found.agent);
};

/** The history of one known agent: from the command, or from a candidate picked among several. */
export async function historyOf(ctx: CommandContext, agent: Agent) {
  const store = await requireStore(ctx, 'The history', 'read');
  if (!store) return 'error';
  try {
    const entries = await ctx.deps.health.run(() =>
      store.audit.latest({ limit: V2_HISTORY_LIMIT, agentId: agent.id }),
    );
    await ctx.respond(v2HistoryCard(displayName(agent), entries));
    return 'ok' as const;
  } catch (err) {
    await ctx.respond(storeDownCard(storeReason(err), 'read'));
    return 'error' as const;
  }
}

export function v2HistoryCard(name: string, entries: Parameters<typeof auditSections>[0]): Card {
  return card(
    md`History of ${name}`,
    capBlocks([
      header(`History: ${name}`),
      ...(entries.length
        ? auditSections(entries)
        : [section(md`No changes have been made through agentstate.`)]),
      context(
        md`This CXone API keeps no state history, so this is all agentstate knows: the changes made through it.`,
      ),
    ]),
  );
}
