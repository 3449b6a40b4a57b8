import { type Agent, displayName } from '../../agentstate/model';
import type { Diagnosis, ReportResult, ResolvedState } from '../../agentstate/types';
import { NOT_LOGGED_IN_VERDICTS, verdictWords } from './diagnose-card';
import { agentName, formatDuration } from './format';
import {
  type Block,
  type Card,
  capBlocks,
  card,
  context,
  EMPTY,
  fields,
  header,
  join,
  md,
  section,
} from './kit';
import { loginActions } from './login-buttons';
import { slackDate } from './mrkdwn';
import { statusActions } from './next-buttons';

export interface StatusCardOptions {
  /** The viewer may change states: the card offers Log out… and Watch (a member sees neither). */
  canChange?: boolean;
}

type Report = Extract<ReportResult, { kind: 'report' }>;

/** The answer to `/agentstate <agent>`: one row per state, or why there are none and a way to fix it. */
export function statusCard(report: Report, now: Date, opts: StatusCardOptions = {}): Card {
  if (report.states.length === 0) return emptyCard(report.agent, report.diagnosis, report.checkedAt);
  const { agent, states } = report;
  const count = states.length === 1 ? '1 state' : `${states.length} states`;
  return card(
    md`${agentName(agent)}: logged in (${count})`,
    capBlocks(
      [
        header(displayName(agent)),
        context(md`\`${agent.id}\` · ${agent.userName} · ${agent.email}`),
        ...states.map((s) => stateRow(s, now)),
        statusActions(agent.id, opts.canChange ?? false),
        sourceLine(report.checkedAt),
      ],
      3,
    ),
  );
}

export function stateRow(s: ResolvedState, now: Date): Block {
  return fields([
    md`*Skill*\n${s.skillName}`,
    md`*State*\n${s.stateName}`,
    md`*Activity*\n${s.activityName}`,
    md`*Since*\n${slackDate(s.since)} (${formatDuration(now.getTime() - s.since.getTime())})`,
  ]);
}

export function sourceLine(checkedAt: Date): Block {
  return context(md`Source: CXone · checked ${slackDate(checkedAt)}`);
}

/** No states: the diagnosis in a line or two, the fix, and the login button when a login would help. */
export function emptyCard(agent: Agent, diagnosis: Diagnosis | undefined, checkedAt: Date): Card {
  // The card's own words (diagnose-card.ts): the diagnosis' summary is shared with the CLI.
  const words = diagnosis ? verdictWords(diagnosis) : undefined;
  const notIn = !diagnosis || NOT_LOGGED_IN_VERDICTS.has(diagnosis.verdict);
  const lines = [
    notIn ? md`*Not logged in to any skill.* ${words?.summary ?? EMPTY}` : md`${words?.summary ?? EMPTY}`,
  ];
  if (words?.fix) lines.push(md`*Fix:* ${words.fix}`);
  const note = diagnosis?.target?.note ? [context(md`Login target: ${diagnosis.target.note}`)] : [];
  return card(md`${agentName(agent)} is not logged in to any skill`, [
    header(displayName(agent)),
    context(md`\`${agent.id}\` · ${agent.userName} · ${agent.email}`),
    section(join(lines, '\n')),
    ...(diagnosis ? loginActions(agent, diagnosis) : []),
    ...note,
    sourceLine(checkedAt),
  ]);
}
