import type { AuditEntry } from '../../store/port';
import { AUDIT_VERB, type AuditAction } from '../audit';
import { seconds, slackDate, userMention } from './format';
import { type Card, capBlocks, context, esc, header, section } from './kit';

/** The stored audit log as a readable list: `/agentstate audit [agent]` and App Home. */

const WATCH_ACTIONS = new Set(['watch', 'unwatch']);

export function auditLine(e: AuditEntry): string {
  const verb = AUDIT_VERB[e.action as AuditAction] ?? esc(e.action);
  const name = e.agentName ? `*${esc(e.agentName)}*` : `\`${e.agentId}\``;
  const target = !e.target ? '' : WATCH_ACTIONS.has(e.action) ? ` in <#${e.target}>` : ` (${esc(e.target)})`;
  const time = e.verifyMs === undefined ? '' : ` in ${seconds(e.verifyMs)} s`;
  const detail = e.detail ? ` — ${esc(e.detail.slice(0, 200))}` : '';
  const request = e.requestId ? ` · CXone request \`${esc(e.requestId)}\`` : '';
  return `${slackDate(e.at)} ${userMention(e.actor)} ${verb} ${name}${target}: *${esc(e.outcome)}*${time}${detail}${request}`;
}

/** Ten lines per section keeps each well under Slack's 3,000 characters. */
export function auditSections(entries: AuditEntry[]) {
  const lines = entries.map(auditLine);
  const blocks = [];
  for (let i = 0; i < lines.length; i += 10) blocks.push(section(lines.slice(i, i + 10).join('\n')));
  return blocks;
}

export function auditCard(entries: AuditEntry[], agent?: { id: string; name: string }): Card {
  const about = agent ? ` for ${esc(agent.name)}` : '';
  if (entries.length === 0) {
    const text = `No changes recorded${about} yet.`;
    return { text, blocks: [section(text)] };
  }
  return {
    text: `Latest ${entries.length} changes${about}`,
    blocks: capBlocks([
      header(`Audit log${agent ? `: ${agent.name}` : ''}`),
      ...auditSections(entries),
      context(
        `Newest first · ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} · made through agentstate`,
      ),
    ]),
  };
}
