import type { UseCaseDeps } from '../deps';
import { type ChangeRecorder, guardedChange } from '../guarded-change';
import { loginAndVerify } from '../login-and-verify';
import type { Agent } from '../model';
import type { LoginOutcome } from '../types';
import { mapBounded } from '../watch/concurrency';
import { BULK_CONCURRENCY, type BulkItem, type BulkProgress, type BulkResult } from './bulk';

/**
 * "Log the watched agents who dropped out of this skill back in" on the tutorial's API: each agent under
 * the per-agent guard (someone else's change in progress is skipped and listed), logged in to the skill and
 * verified by the same use case as a single login, audited once; at most `BULK_CONCURRENCY` at a time.
 */
export async function logBackIn(
  deps: UseCaseDeps,
  opts: {
    items: BulkItem[];
    skillId: string;
    recorder: ChangeRecorder;
    agentOf: (item: BulkItem) => Promise<Agent | undefined>;
    onProgress?: (p: BulkProgress) => void;
  },
): Promise<BulkResult[]> {
  const tally: BulkProgress = { done: 0, total: opts.items.length, verified: 0, failed: 0, skipped: 0 };
  opts.onProgress?.({ ...tally });
  return mapBounded(opts.items, BULK_CONCURRENCY, async (item) => {
    const result = await one(deps, opts, item);
    tally.done += 1;
    if (result.outcome === 'verified' || result.outcome === 'already') tally.verified += 1;
    else if (result.outcome === 'skipped') tally.skipped += 1;
    else tally.failed += 1;
    opts.onProgress?.({ ...tally });
    return result;
  });
}

async function one(
  deps: UseCaseDeps,
  opts: Parameters<typeof logBackIn>[1],
  item: BulkItem,
): Promise<BulkResult> {
  try {
    const agent = await opts.agentOf(item);
    if (!agent) return { agent: item, outcome: 'failed', detail: 'CXone no longer knows this agent' };
    const done = await guardedChange(opts.recorder, item, 'login', async () => {
      const outcome = await loginAndVerify(deps, agent, { skill: opts.skillId });
      return { result: outcome, record: recordOf(outcome) };
    });
    if (done.kind === 'held')
      return { agent: item, outcome: 'skipped', detail: `already being changed by ${done.startedBy}` };
    return resultOf(item, done.result);
  } catch (err) {
    return { agent: item, outcome: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

function recordOf(o: LoginOutcome) {
  const verifyMs = o.kind === 'verified' || o.kind === 'not_visible' ? o.verifyMs : undefined;
  return { outcome: o.kind, target: o.target.skill.name, verifyMs };
}

function resultOf(item: BulkItem, o: LoginOutcome): BulkResult {
  switch (o.kind) {
    case 'verified':
      return { agent: item, outcome: 'verified', verifyMs: o.verifyMs };
    case 'already_logged_in':
      return { agent: item, outcome: 'already' };
    case 'conflict':
      return {
        agent: item,
        outcome: 'failed',
        detail: `in a conflicting skill${o.conflictingSkill ? ` (${o.conflictingSkill.name})` : ''}`,
      };
    case 'not_visible':
      return { agent: item, outcome: 'not_applied', detail: o.explanation, verifyMs: o.verifyMs };
  }
}
