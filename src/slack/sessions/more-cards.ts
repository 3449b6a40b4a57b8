import { displayName } from '../../agentstate/model';
import type { SessionAgent, SessionDiagnosis, SessionHistory } from '../../agentstate/sessions';
import type { AuditEntry } from '../../store/port';
import { auditLine } from '../blocks/audit-card';
import { checkLine } from '../blocks/diagnose-card';
import { formatDuration, seconds, slackDate } from '../blocks/format';
import {
  actions,
  button,
  type Card,
  capBlocks,
  card,
  context,
  header,
  type Mrkdwn,
  md,
  section,
} from '../blocks/kit';
import { ambiguousCard } from '../blocks/lookup-cards';
import { userMention } from '../blocks/mrkdwn';
import { encode } from '../payloads';
import { actionButtons, agentLine, SESSION_BLOCK, stateWords } from './cards';
import { SESSION_ACTION } from './values';

/** Diagnose, history and "ask the agent" cards of the session model. */

export function sessionDiagnoseCard(d: SessionDiagnosis, checkedAt: Date): Card {
  if (d.verdict === 'ambiguous_agent' && d.candidates?.length)
    return ambiguousCard(d.ref, d.candidates, d.candidates.length, true);
  const title = `Diagnosis: ${d.agent ? displayName(d.agent) : d.ref}`;
  const ok = d.verdict === 'taking_contacts' || d.verdict === 'working';
  const buttons =
    d.agent && d.status
      ? [actions(SESSION_BLOCK.buttons, ...actionButtons(d.agent, d.status, d.actions))]
      : [];
  const checks = d.checks.map(checkLine);
  return card(
    md`${title}: ${d.summary}`,
    capBlocks([
      header(title),
      ...(d.agent ? [context(md`${d.agent.email} · agent ${d.agent.id}`)] : []),
      section(joinLines(checks)),
      section(ok ? md`✓ *${d.summary}*` : md`✗ *${d.summary}*\n*Fix:* ${d.fix}`),
      ...buttons,
      context(md`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  );
}

function joinLines(lines: Mrkdwn[]): Mrkdwn {
  return lines.reduce((all, line, i) => (i === 0 ? line : md`${all}\n${line}`), md``);
}

/** The last this many timeline entries fit one section comfortably. */
const TIMELINE_MAX = 25;

/**
 * "Why did they drop?": today's timeline, the last logout and where, and the changes made through the app,
 * so a supervisor can tell a logout from a forced one or a day that never started.
 */
export function historyCard(h: SessionHistory, changes: AuditEntry[]): Card {
  const name = displayName(h.agent);
  const verdict =
    h.verdict === 'no_session_today'
      ? md`*${name} has not logged in today.*`
      : h.verdict === 'logged_out' && h.lastLogout
        ? md`*${name} logged out at ${slackDate(h.lastLogout.at)}*${h.lastLogout.stationName ? md` at ${h.lastLogout.stationName}` : md``}.`
        : md`*${name} is in a session:* ${stateWords(h.status)} since ${slackDate(h.status.since)}.`;
  const entries = h.entries.slice(-TIMELINE_MAX);
  const lines = entries.map((e, i) => {
    const next = entries[i + 1]?.start ?? h.to;
    const secs = e.durationSeconds ?? (next.getTime() - e.start.getTime()) / 1000;
    const reason = e.reason ? md` — ${e.reason}` : md``;
    return md`${slackDate(e.start)} *${String(e.state)}*${reason} (${formatDuration(secs * 1000)})`;
  });
  const skipped = h.entries.length - entries.length;
  const timeline = lines.length
    ? md`${skipped > 0 ? md`_${skipped} earlier entries not shown_\n` : md``}${joinLines(lines)}`
    : md`_No state changes today._`;
  const blocks = [header(`Today: ${name}`), section(verdict), section(timeline)];
  if (changes.length)
    blocks.push(section(md`*Changes made through agentstate today*\n${joinLines(changes.map(auditLine))}`));
  blocks.push(context(md`Source: CXone state history since ${slackDate(h.from)} · agent ${h.agent.id}`));
  return card(md`Today for ${name}: ${h.verdict.replace(/_/g, ' ')}`, capBlocks(blocks));
}

/** After the DM went out: who was asked, when, and that the app is waiting. */
export function askedCard(agent: SessionAgent, memberId: string, by: string, at: Date): Card {
  return card(md`Asked ${displayName(agent)} to log in — waiting for them`, [
    section(
      md`:envelope: Asked ${userMention(memberId)} at ${slackDate(at)} to log in — waiting for them to log in and be available…`,
    ),
    context(md`Asked by ${userMention(by)} · ${agent.email}`),
  ]);
}

/** The agent logged in and is available. */
export function askVerifiedCard(agent: SessionAgent, memberId: string, by: string, afterMs: number): Card {
  return card(md`${displayName(agent)} logged in and is available`, [
    section(
      md`:white_check_mark: ${userMention(memberId)} logged in and is *Available* — verified ${afterMs < 60_000 ? `${seconds(afterMs)} s` : formatDuration(afterMs)} after ${userMention(by)} asked.`,
    ),
    agentLine(agent),
  ]);
}

/** The deadline passed: not yet, with a reminder and another look. */
export function askNotYetCard(agent: SessionAgent, memberId: string, state: string): Card {
  const value = encode({ a: agent.id });
  return card(md`${displayName(agent)} has not logged in yet`, [
    section(md`:hourglass: ${userMention(memberId)} has not logged in yet (CXone shows *${state}*).`),
    actions(
      SESSION_BLOCK.buttons,
      button({ text: 'Remind', actionId: SESSION_ACTION.ask, value }),
      button({ text: 'Check again', actionId: SESSION_ACTION.checkAgain, value, style: 'primary' }),
    ),
    agentLine(agent),
  ]);
}

/** No Slack member has the agent's email: say so, and what else can be done. */
export function noMemberCard(agent: SessionAgent): Card {
  const name = displayName(agent);
  return card(md`No Slack member has ${name}'s email`, [
    section(
      md`:mag: No one in this Slack workspace has the email *${agent.email || '(none in CXone)'}*, so ${name} could not be asked here. Reach them another way, then check again.`,
    ),
    actions(
      SESSION_BLOCK.buttons,
      button({ text: 'Check again', actionId: SESSION_ACTION.checkAgain, value: encode({ a: agent.id }) }),
    ),
  ]);
}

/** The direct message the agent receives. Words for an agent, with one instruction. */
export function askDm(agent: SessionAgent, by: string): Card {
  const first = agent.firstName || displayName(agent);
  return card(md`${userMention(by)} asked you to log in to CXone`, [
    section(
      md`Hi ${first} — ${userMention(by)} asked you to log in to CXone: you are logged out, so no contacts reach you.\n*Log in to your agent application and set yourself Available.*`,
    ),
  ]);
}
