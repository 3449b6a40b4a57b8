import { displayName } from '../../agentstate/model';
import type { SessionAgent, SessionDiagnosis, SessionHistory } from '../../agentstate/sessions';
import type { AuditEntry } from '../../store/port';
import { auditLine } from '../blocks/audit-card';
import { checkLine } from '../blocks/diagnose-card';
import { formatDuration, slackDate } from '../blocks/format';
import { actions, button, type Card, capBlocks, context, esc, header, section } from '../blocks/kit';
import { ambiguousCard } from '../blocks/lookup-cards';
import { encode } from '../payloads';
import { actionButtons, SESSION_BLOCK, stateWords } from './cards';
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
  return {
    text: `${esc(title)}: ${esc(d.summary)}`,
    blocks: capBlocks([
      header(title),
      ...(d.agent ? [context(`${esc(d.agent.email)} · agent ${esc(d.agent.id)}`)] : []),
      section(d.checks.map(checkLine).join('\n')),
      section(`${ok ? '✓' : '✗'} *${esc(d.summary)}*${ok ? '' : `\n*Fix:* ${esc(d.fix)}`}`),
      ...buttons,
      context(`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  };
}

/** The last this many timeline entries fit one section comfortably. */
const TIMELINE_MAX = 25;

/**
 * "Why did they drop?": today's timeline, the last logout and where, and the changes made through the app,
 * so a supervisor can tell a logout from a forced one or a day that never started.
 */
export function historyCard(h: SessionHistory, changes: AuditEntry[]): Card {
  const name = esc(displayName(h.agent));
  const verdict =
    h.verdict === 'no_session_today'
      ? `*${name} has not logged in today.*`
      : h.verdict === 'logged_out' && h.lastLogout
        ? `*${name} logged out at ${slackDate(h.lastLogout.at)}*${h.lastLogout.stationName ? ` at ${esc(h.lastLogout.stationName)}` : ''}.`
        : `*${name} is in a session:* ${esc(stateWords(h.status))} since ${slackDate(h.status.since)}.`;
  const entries = h.entries.slice(-TIMELINE_MAX);
  const lines = entries.map((e, i) => {
    const next = entries[i + 1]?.start ?? h.to;
    const secs = e.durationSeconds ?? (next.getTime() - e.start.getTime()) / 1000;
    const reason = e.reason ? ` — ${esc(e.reason)}` : '';
    return `${slackDate(e.start)} *${esc(String(e.state))}*${reason} (${formatDuration(secs * 1000)})`;
  });
  const skipped = h.entries.length - entries.length;
  const blocks = [
    header(`Today: ${displayName(h.agent)}`),
    section(verdict),
    section(
      lines.length
        ? `${skipped > 0 ? `_${skipped} earlier entries not shown_\n` : ''}${lines.join('\n')}`
        : '_No state changes today._',
    ),
  ];
  if (changes.length)
    blocks.push(section(`*Changes made through agentstate today*\n${changes.map(auditLine).join('\n')}`));
  blocks.push(context(`Source: CXone state history since ${slackDate(h.from)} · agent ${esc(h.agent.id)}`));
  return { text: `Today for ${name}: ${h.verdict.replace(/_/g, ' ')}`, blocks: capBlocks(blocks) };
}

/** After the DM went out: who was asked, when, and that the app is waiting. */
export function askedCard(agent: SessionAgent, memberId: string, by: string, at: Date): Card {
  return {
    text: `Asked ${esc(displayName(agent))} to log in — waiting for them`,
    blocks: [
      section(
        `:envelope: Asked <@${memberId}> at ${slackDate(at)} to log in — waiting for them to log in and be available…`,
      ),
      context(`Asked by <@${by}> · ${esc(agent.email)}`),
    ],
  };
}

/** The agent logged in and is available. */
export function askVerifiedCard(agent: SessionAgent, memberId: string, by: string, afterMs: number): Card {
  const name = esc(displayName(agent));
  return {
    text: `${name} logged in and is available`,
    blocks: [
      section(
        `:white_check_mark: <@${memberId}> logged in and is *Available* — verified ${formatDuration(afterMs)} after <@${by}> asked.`,
      ),
      context(`${esc(agent.email)} · agent ${esc(agent.id)}`),
    ],
  };
}

/** The deadline passed: not yet, with a reminder and another look. */
export function askNotYetCard(agent: SessionAgent, memberId: string, state: string): Card {
  const value = encode({ a: agent.id });
  return {
    text: `${esc(displayName(agent))} has not logged in yet`,
    blocks: [
      section(`:hourglass: <@${memberId}> has not logged in yet (CXone shows *${esc(state)}*).`),
      actions(
        SESSION_BLOCK.buttons,
        button({ text: 'Remind', actionId: SESSION_ACTION.ask, value }),
        button({ text: 'Check again', actionId: SESSION_ACTION.checkAgain, value, style: 'primary' }),
      ),
      context(`${esc(agent.email)} · agent ${esc(agent.id)}`),
    ],
  };
}

/** No Slack member has the agent's email: say so, and what else can be done. */
export function noMemberCard(agent: SessionAgent): Card {
  const name = esc(displayName(agent));
  return {
    text: `No Slack member has ${name}'s email`,
    blocks: [
      section(
        `:mag: No one in this Slack workspace has the email *${esc(agent.email || '(none in CXone)')}*, so ${name} could not be asked here. Reach them another way, then check again.`,
      ),
      actions(
        SESSION_BLOCK.buttons,
        button({ text: 'Check again', actionId: SESSION_ACTION.checkAgain, value: encode({ a: agent.id }) }),
      ),
    ],
  };
}

/** The direct message the agent receives. Words for an agent, with one instruction. */
export function askDm(agent: SessionAgent, by: string): Card {
  const first = esc(agent.firstName || displayName(agent));
  return {
    text: `<@${by}> asked you to log in to CXone`,
    blocks: [
      section(
        `Hi ${first} — <@${by}> asked you to log in to CXone: you are logged out, so no contacts reach you.\n*Log in to your agent application and set yourself Available.*`,
      ),
    ],
  };
}
