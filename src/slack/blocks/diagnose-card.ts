import { displayName } from '../../agentstate/model';
import type { Check, Diagnosis } from '../../agentstate/types';
import { slackDate } from './format';
import { type Card, capBlocks, context, esc, header, section } from './kit';
import { loginActions } from './login-buttons';
import { ambiguousCard } from './lookup-cards';

/** `/agentstate diagnose <agent>`: every check of the tutorial with its outcome, the verdict and the fix. */

const MARK: Record<Check['outcome'], string> = { pass: '✓', fail: '✗', warn: '⚠', skipped: '–' };

export function checkLine(check: Pick<Check, 'outcome' | 'label' | 'detail'>): string {
  const detail = check.detail ? ` — ${esc(check.detail)}` : '';
  const label = check.outcome === 'skipped' ? `_${esc(check.label)}_` : `*${esc(check.label)}*`;
  return `${MARK[check.outcome]} ${label}${detail}`;
}

export function diagnoseCard(d: Diagnosis, checkedAt: Date): Card {
  if (d.verdict === 'ambiguous_agent' && d.candidates?.length) {
    return ambiguousCard(d.ref, d.candidates, d.candidates.length, true);
  }
  // Header blocks are plain text: no mrkdwn escaping there.
  const title = `Diagnosis: ${d.agent ? displayName(d.agent) : d.ref}`;
  const ok = d.verdict === 'logged_in';
  return {
    text: `${esc(title)}: ${esc(d.summary)}`,
    blocks: capBlocks([
      header(title),
      ...(d.agent ? [context(`\`${d.agent.id}\` · ${esc(d.agent.email)}`)] : []),
      section(d.checks.map(checkLine).join('\n')),
      section(`${ok ? '✓' : '✗'} *${esc(d.summary)}*${ok ? '' : `\n*Fix:* ${esc(d.fix)}`}`),
      ...(d.agent ? loginActions(d.agent, d) : []),
      context(`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  };
}
