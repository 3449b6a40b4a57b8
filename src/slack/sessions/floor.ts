import type { BulkProgress, BulkResult } from '../../agentstate/floor/bulk';
import { type BulkFix, UnknownScopeError } from '../../agentstate/floor/model';
import type { ChangeRecorder } from '../../agentstate/guarded-change';
import type { CommandOutcome } from '../../metrics';
import type { AuditEntryInput } from '../../store/port';
import { membershipUnknownCard, refusalCard } from '../blocks';
import { type Card, card, join, md, section } from '../blocks/kit';
import type { CommandContext } from '../commands/context';
import type { SessionSlackDeps } from '../deps';
import type { Responder } from '../responder';
import { sendAsk } from './ask-agent';
import { bulkProgressCard, bulkResultCard, dryRunCard, floorCard, floorSummaryCard } from './floor-card';
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
    const teams = join(
      err.options.map((o) => md`*${o}*`),
      ', ',
    );
    return card(md`No team is called ${err.value}`, [
      section(md`:warning: No team is called *${err.value}*. Teams: ${teams}`),
    ]);
  }
}

/** Progress of a bulk fix in place, within the response_url's five uses: the start, two updates, the end. */
const MAX_PROGRESS_UPDATES = 2;

export async function runFloorFix(
  deps: SessionSlackDeps,
  click: { value: FloorFixValue; userId: string; respond: Responder },
): Promise<void> {
  const auth = await deps.supervisors.authorise(click.userId);
  if (auth !== 'allowed') {
    await click.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
    return;
  }
  // The agents are read again now: the card may be minutes old.
  const floor = await deps.sessions.floor(click.value.t);
  if ('kind' in floor) return;
  const fix = floor.fixes.find((f) => f.id === click.value.f);
  if (!fix || fix.agents.length === 0) {
    await click.respond(
      card(md`Nothing to do`, [
        section(md`Nothing to do in *${floor.scope.name}*: no agent needs that any more. Nothing was sent.`),
      ]),
    );
    return;
  }
  if (click.value.d) {
    await click.respond(dryRunCard(floor.scope.name, fix));
    return;
  }
  await click.respond(bulkProgressCard(fix.label, 0, fix.agents.length, 0), { replace: true });
  const results =
    fix.id === 'ask_logged_out'
      ? await askAll(deps, fix, click.userId)
      : await deps.sessions.fixFloor(fix, recorder(deps, click.userId), {
          onProgress: throttled(click.respond, fix.label),
        });
  await click.respond(bulkResultCard(floor.scope.name, fix, results, click.userId), { replace: true });
}

function throttled(respond: Responder, label: string) {
  let updates = 0;
  let shownAt = 0;
  return (p: BulkProgress) => {
    // Updates at a third and two thirds of the way; the last one is the result card.
    const step = Math.floor((p.done * (MAX_PROGRESS_UPDATES + 1)) / Math.max(1, p.total));
    if (p.done === p.total || updates >= MAX_PROGRESS_UPDATES || step <= shownAt) return;
    shownAt = step;
    updates += 1;
    respond(bulkProgressCard(label, p.verified, p.total, p.failed), { replace: true }).catch(() => {});
  };
}

/** The per-agent guard and the app's audit sinks (the store and the audit channel), for a bulk fix. */
function recorder(deps: SessionSlackDeps, actor: string): ChangeRecorder {
  return {
    guard: deps.guard,
    actor,
    audit: {
      async record(e: AuditEntryInput) {
        await deps.audit.record({
          at: e.at,
          actor: e.actor,
          action: e.action,
          agent: { id: e.agentId, name: e.agentName ?? e.agentId },
          outcome: e.outcome,
          ...(e.target ? { skill: e.target } : {}),
          ...(e.verifyMs === undefined ? {} : { verifyMs: e.verifyMs }),
          ...(e.detail ? { detail: e.detail } : {}),
        });
        return { ...e, id: 0 };
      },
    },
  };
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
