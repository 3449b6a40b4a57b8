import { type Agent, displayName } from '../../agentstate/model';
import type { Diagnosis, ReportResult, ResolvedState } from '../../agentstate/types';
import { agentName, formatDuration, slackDate } from './format';
import { type Block, type Card, capBlocks, context, esc, fields, header, section } from './kit';
import { loginActions } from './login-buttons';

type Report = Extract<ReportResult, { kind: 'report' }>;

/** The answer to `/agentstate <agent>`: one row per state, or why there are none and a way to fix it. */
export function statusCard(report: Report, now: Date): Card {
  if (report.states.length === 0) return emptyCard(report.agent, report.diagnosis, report.checkedAt);
  const { agent, states } = report;
  const count = states.length === 1 ? '1 state' : `${states.length} states`;
  return {
    text: `${agentName(agent)}: logged in (${count})`,
    blocks: capBlocks([
      header(displayName(agent)),
      context(`\`${agent.id}\` · ${esc(agent.userName)} · ${esc(agent.email)}`),
      ...states.map((s) => stateRow(s, now)),
      sourceLine(report.checkedAt),
    ]),
  };
}

export function stateRow(s: ResolvedState, now: Date): Block {
  return fields([
    `*Skill*\n${esc(s.skillName)}`,
    `*State*\n${esc(s.stateName)}`,
    `*Activity*\n${esc(s.activityName)}`,
    `*Since*\n${slackDate(s.since)} (${formatDuration(now.getTime() - s.since.getTime())})`,
  ]);
}

export function sourceLine(checkedAt: Date): Block {
  return context(`Source: CXone · checked ${slackDate(checkedAt)}`);
}

/** No states: the diagnosis in a line or two, the fix, and the login button when a login would help. */
export function emptyCard(agent: Agent, diagnosis: Diagnosis | undefined, checkedAt: Date): Card {
  const summary = diagnosis?.summary ?? 'The agent is not logged in to any skill.';
  const lines = [`*Not logged in to any skill.* ${esc(summary)}`];
  if (diagnosis?.fix) lines.push(`*Fix:* ${esc(diagnosis.fix)}`);
  const note = diagnosis?.target?.note ? [context(`Login target: ${esc(diagnosis.target.note)}`)] : [];
  return {
    text: `${agentName(agent)} is not logged in to any skill`,
    blocks: [
      header(displayName(agent)),
      context(`\`${agent.id}\` · ${esc(agent.userName)} · ${esc(agent.email)}`),
      section(lines.join('\n')),
      ...(diagnosis ? loginActions(agent, diagnosis) : []),
      ...note,
      sourceLine(checkedAt),
    ],
  };
}
