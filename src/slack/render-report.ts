import type { Diagnosis, ReportResult } from '../agentstate/types';
import type { CommandOutcome } from '../metrics';
import { ambiguousCard, type Card, diagnoseCard, notFoundCard, statusCard, withShareButton } from './blocks';
import type { NotFoundContext } from './blocks/lookup-cards';
import type { StatusCardOptions } from './blocks/status-card';

/** Report and diagnosis results as cards, shared by the slash command and the "Show" buttons. */

export function reportCard(
  result: ReportResult,
  now: Date,
  ctx: NotFoundContext & StatusCardOptions = {},
): { card: Card; outcome: CommandOutcome } {
  switch (result.kind) {
    case 'report':
      return {
        card: withShareButton(statusCard(result, now, { canChange: ctx.canChange ?? false }), {
          k: 'status',
          a: result.agent.id,
        }),
        outcome: 'ok',
      };
    case 'ambiguous':
      return { card: ambiguousCard(result.query, result.candidates, result.total), outcome: 'ok' };
    case 'not_found':
      return { card: notFoundCard(result.query, ctx), outcome: 'not_found' };
  }
}

export function diagnosisCard(
  d: Diagnosis,
  now: Date,
  ctx: NotFoundContext = {},
): { card: Card; outcome: CommandOutcome } {
  const card = diagnoseCard(d, now);
  if (d.verdict === 'agent_not_found') {
    // The checks say what was tried; the not-found card adds the mention's email and the typo hint.
    return {
      card: { ...card, blocks: [...card.blocks, ...notFoundCard(d.ref, ctx).blocks] },
      outcome: 'not_found',
    };
  }
  return { card: d.agent ? withShareButton(card, { k: 'diagnose', a: d.agent.id }) : card, outcome: 'ok' };
}
