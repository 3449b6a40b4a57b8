import type { BulkProgress, BulkResult } from '../agentstate/floor/bulk';
import type { BulkFix, Floor, FloorSummary } from '../agentstate/floor/model';
import type { ChangeRecorder } from '../agentstate/guarded-change';
import type { AuditEntryInput } from '../store/port';
import { membershipUnknownCard, refusalCard } from './blocks';
import { card, md, section } from './blocks/kit';
import type { BaseSlackDeps } from './deps';
import type { Responder } from './responder';
import { bulkProgressCard, bulkResultCard, dryRunCard } from './sessions/floor-card';

/** Progress of a bulk fix in place, within the response_url's five uses: the start, two updates, the end. */
const MAX_PROGRESS_UPDATES = 2;

export interface BulkFixClick {
  value: { f: string; d?: boolean };
  userId: string;
  respond: Responder;
}

/**
 * A floor's bulk fix clicked, in either dialect: the clicker is authorised, the floor read again (the card
 * may be minutes old), a dry run lists who would change, otherwise the fix runs with its progress in place
 * and ends with the result for every agent.
 */
export async function runBulkFix(
  deps: BaseSlackDeps,
  click: BulkFixClick,
  floorNow: () => Promise<Floor | FloorSummary>,
  apply: (
    fix: BulkFix,
    recorder: ChangeRecorder,
    onProgress: (p: BulkProgress) => void,
  ) => Promise<BulkResult[]>,
): Promise<void> {
  const auth = await deps.supervisors.authorise(click.userId);
  if (auth !== 'allowed') {
    await click.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
    return;
  }
  const floor = await floorNow();
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
  const results = await apply(fix, changeRecorder(deps, click.userId), throttled(click.respond, fix.label));
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
export function changeRecorder(deps: BaseSlackDeps, actor: string): ChangeRecorder {
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
