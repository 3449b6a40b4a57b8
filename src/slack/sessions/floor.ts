import type { BulkResult } from '../../agentstate/floor/bulk';
import { type BulkFix, UnknownScopeError } from '../../agentstate/floor/model';
import type { CommandOutcome } from '../../metrics';
import type { Card } from '../blocks/kit';
import { runBulkFix } from '../bulk-fix';
import type { CommandContext } from '../commands/context';
import type { SessionSlackDeps } from '../deps';
import type { Responder } from '../responder';
import { sendAsk } from './ask-agent';
import { floorCard, floorSummaryCard, unknownScopeCard } from './floor-card';
import type { FloorFixValue } from './values';

/** `/agentstate floor [team]` and the floor card's buttons (Refresh, Show all, the bulk fixes). */

export async function floorCommand(
  ctx: CommandContext<SessionSlackDeps>,
  team?: string,
): Promise<CommandOutcome> {
  await ctx.respond(await floorView(ctx.deps, team));
  return 'ok';
}

export async function floorView(deps: SessionSlackDeps, team?: string, showAll = false): Promise<Card> {
  try {
    const view = await deps.sessions.floor(team);
    return 'kind' in view ? floorSummaryCard(view) : floorCard(view, { showAll });
  } catch (err) {
    if (!(err instanceof UnknownScopeError)) throw err;
    return unknownScopeCard(err);
  }
}

/** A bulk fix clicked on a team's floor (see bulk-fix.ts); asking agents is a message to each. */
export function runFloorFix(
  deps: SessionSlackDeps,
  click: { value: FloorFixValue; userId: string; respond: Responder },
): Promise<void> {
  return runBulkFix(
    deps,
    click,
    () => deps.sessions.floor(click.value.t),
    (fix, recorder, onProgress) =>
      fix.id === 'ask_logged_out'
        ? askAll(deps, fix, click.userId)
        : deps.sessions.fixFloor(fix, recorder, { onProgress }),
  );
}

/**
 * Asking many logged-out agents: one message each to the member with the agent's email. Only the agents
 * can log in, so the result is who was asked (Refresh shows who has come in since).
 */
async function askAll(deps: SessionSlackDeps, fix: BulkFix, by: string): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  const log = deps.logger.child({ slackUserId: by, action: 'ask' });
  for (const item of fix.agents) {
    try {
      const found = await deps.sessions.resolveAgent(item.id);
      if (found.kind !== 'found') {
        results.push({ agent: item, outcome: 'failed', detail: 'no longer in CXone' });
        continue;
      }
      const sent = await sendAsk(deps, found.agent, by, log);
      results.push(
        sent.ok
          ? { agent: item, outcome: 'asked' }
          : {
              agent: item,
              outcome: 'refused',
              detail:
                sent.problem === 'no_member' ? 'no Slack member has their email' : 'Slack lookup failed',
            },
      );
      if (sent.ok)
        await deps.audit.record({
          at: new Date(deps.now()),
          actor: by,
          action: 'ask',
          agent: { id: item.id, name: item.name },
          outcome: 'asked',
        });
    } catch (err) {
      results.push({
        agent: item,
        outcome: 'failed',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return results;
}
