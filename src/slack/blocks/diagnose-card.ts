import { displayName } from '../../agentstate/model';
import type { Check, Diagnosis } from '../../agentstate/types';
import { slackDate } from './format';
import { type Card, capBlocks, card, context, EMPTY, header, join, type Mrkdwn, md, section } from './kit';
import { loginActions } from './login-buttons';
import { ambiguousCard } from './lookup-cards';

/** `/agentstate diagnose <agent>`: every check of the tutorial with its outcome, the verdict and the fix. */

const MARK: Record<Check['outcome'], string> = { pass: '✓', fail: '✗', warn: '⚠', skipped: '–' };

export function checkLine(check: Pick<Check, 'outcome' | 'label' | 'detail'>): Mrkdwn {
  const detail = check.detail ? md` — ${check.detail}` : EMPTY;
  const label = check.outcome === 'skipped' ? md`_${check.label}_` : md`*${check.label}*`;
  return md`${MARK[check.outcome]} ${label}${detail}`;
}

export function diagnoseCard(d: Diagnosis, checkedAt: Date): Card {
  if (d.verdict === 'ambiguous_agent' && d.candidates?.length) {
    return ambiguousCard(d.ref, d.candidates, d.candidates.length, true);
  }
  // Header blocks are plain text: no mrkdwn escaping there.
  const title = `Diagnosis: ${d.agent ? displayName(d.agent) : d.ref}`;
  const ok = d.verdict === 'logged_in';
  return card(
    md`${title}: ${d.summary}`,
    capBlocks([
      header(title),
      ...(d.agent ? [context(md`\`${d.agent.id}\` · ${d.agent.email}`)] : []),
      section(join(d.checks.map(checkLine), '\n')),
      section(md`${ok ? '✓' : '✗'} *${d.summary}*${ok ? EMPTY : md`\n*Fix:* ${d.fix}`}`),
      ...(d.agent ? loginActions(d.agent, d) : []),
      context(md`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  );
}
