import { detailWorthShowing, outcomeWords } from '../../agentstate/outcome-words';
import type { AuditEntry } from '../../store/port';
import { AUDIT_VERB, type AuditAction } from '../audit';
import { seconds } from './format';
import { type Card, capBlocks, card, context, EMPTY, header, join, type Mrkdwn, md, section } from './kit';
import { channelMention, slackDate, userMention } from './mrkdwn';

/** The stored audit log as a readable list: `/agentstate audit [agent]` and App Home. */

const WATCH_ACTIONS = new Set(['watch', 'unwatch']);

export function auditLine(e: AuditEntry): Mrkdwn {
  const verb = AUDIT_VERB[e.action as AuditAction] ?? e.action;
  const name = e.agentName ? md`*${e.agentName}*` : md`\`${e.agentId}\``;
  const target = !e.target
    ? EMPTY
    : WATCH_ACTIONS.has(e.action)
      ? md` in ${channelMention(e.target)}`
      : md` (${e.target})`;
  const time = e.verifyMs === undefined ? EMPTY : md` in ${seconds(e.verifyMs)} s`;
  const detail = e.detail && detailWorthShowing(e.outcome) ? md` — ${e.detail.slice(0, 200)}` : EMPTY;
  const request = e.requestId ? md` · CXone request \`${e.requestId}\`` : EMPTY;
  const outcome = outcomeWords(e.outcome, e.detail);
  return md`${slackDate(e.at)} ${userMention(e.actor)} ${verb} ${name}${target}: *${outcome}*${time}${detail}${request}`;
}

/** Ten lines per section keeps each well under Slack's 3,000 characters. */
export function auditSections(entries: AuditEntry[]) {
  const lines = entries.map(auditLine);
  const blocks = [];
  for (let i = 0; i < lines.length; i += 10) blocks.push(section(join(lines.slice(i, i + 10), '\n')));
  return blocks;
}

export function auditCard(entries: AuditEntry[], agent?: { id: string; name: string }): Card {
  const about = agent ? md` for ${agent.name}` : EMPTY;
  if (entries.length === 0) {
    const text = md`No changes recorded${about} yet.`;
    return card(text, [section(text)]);
  }
  return card(
    md`Latest ${entries.length} changes${about}`,
    capBlocks([
      header(`Audit log${agent ? `: ${agent.name}` : ''}`),
      ...auditSections(entries),
      context(
        md`Newest first · ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} · made through agentstate`,
      ),
    ]),
  );
}
