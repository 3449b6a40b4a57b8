import { displayName } from '../agentstate/model';
import type {
  AgentStatus,
  ChangeOutcome,
  Reason,
  SessionAction,
  SessionDiagnosis,
  SessionHistory,
  SessionReport,
} from '../agentstate/sessions';
import { formatDuration, formatLocalTime, TICK, table } from './format';
import { agentLine } from './render';

/** Plain-text renderings of the session model's results (the incontact dialect), for a terminal. */

const STATE_WORDS: Record<AgentStatus['kind'], string> = {
  available: 'Available',
  unavailable: 'Unavailable',
  working: 'Working',
  logged_in_no_state: 'Logged in, no state yet',
  logged_out: 'Logged out',
};

export function describeStatus(s: AgentStatus): string {
  if (s.kind === 'unavailable' && s.reason) return `Unavailable (${s.reason.name})`;
  if (s.kind === 'working') return `Working: ${contactWords(s.state)}${s.skill ? ` on ${s.skill.name}` : ''}`;
  return STATE_WORDS[s.kind];
}

function contactWords(state: string): string {
  return (
    {
      InboundContact: 'inbound contact',
      OutboundContact: 'outbound contact',
      InboundConsult: 'inbound consult',
      OutboundConsult: 'outbound consult',
      Dialer: 'dialer',
    }[state] ?? state
  );
}

/** The commands that perform each action, for the "what you can do" lines. */
function actionHint(action: SessionAction, agentId: string): string {
  return {
    make_available: `agentstate available ${agentId}`,
    make_unavailable: `agentstate unavailable ${agentId} --reason <reason>`,
    force_logout: `agentstate logout ${agentId}`,
    log_in: `agentstate login ${agentId}`,
    ask_agent: 'ask the agent to log in to their agent application',
  }[action];
}

export function renderSessionReport(r: SessionReport, now: Date = new Date()): string {
  const s = r.status;
  const lines = [agentLine(r.agent), ''];
  lines.push(`State:    ${describeStatus(s)}`);
  lines.push(
    `Since:    ${formatLocalTime(s.since, now)} (${formatDuration(now.getTime() - s.since.getTime())})`,
  );
  if (s.contactId) lines.push(`Contact:  ${s.contactId}`);
  const station = s.station?.phone ?? s.station?.id;
  if (station && s.kind !== 'logged_out') lines.push(`Station:  ${station}`);
  const team = r.agent.teamName ?? s.team?.name;
  if (team) lines.push(`Team:     ${team}`);
  if (r.explanation) lines.push('', r.explanation.summary, `Fix: ${r.explanation.fix}`);
  if (r.actions.length > 0) {
    lines.push('', 'You can:');
    // A logout of an agent on a contact drops it, so the command needs --force.
    const onContact = s.kind === 'working';
    for (const a of r.actions)
      lines.push(`  ${actionHint(a, r.agent.id)}${a === 'force_logout' && onContact ? ' --force' : ''}`);
  }
  return lines.join('\n');
}

export function renderSessionDiagnosis(d: SessionDiagnosis): string {
  const head = d.agent ? agentLine(d.agent) : `Agent "${d.ref}"`;
  const width = Math.max(...d.checks.map((c) => c.label.length));
  const checks = d.checks.map((c) => `  ${TICK[c.outcome]} ${c.label.padEnd(width)}  ${c.detail}`).join('\n');
  const candidates = d.candidates?.length
    ? `\n\nCandidates:\n${d.candidates.map((a) => `  ${agentLine(a)}`).join('\n')}`
    : '';
  return `${head}\n\n${checks}${candidates}\n\nVerdict: ${d.verdict}\n${d.summary}\nFix: ${d.fix}`;
}

export function renderHistory(h: SessionHistory): string {
  const now = h.to;
  const name = displayName(h.agent);
  const lines = [
    agentLine(h.agent),
    '',
    `Now: ${describeStatus(h.status)} since ${formatLocalTime(h.status.since, now)}`,
  ];
  if (h.verdict === 'no_session_today') lines.push(`${name} has not logged in today.`);
  else if (h.verdict === 'logged_out' && h.lastLogout) {
    const where = h.lastLogout.stationName ? ` at ${h.lastLogout.stationName}` : '';
    lines.push(`${name} last logged out at ${formatLocalTime(h.lastLogout.at, now)}${where}.`);
  }
  if (h.entries.length > 0) {
    const rows = h.entries.map((e, i) => {
      const next = h.entries[i + 1]?.start ?? now;
      const seconds = e.durationSeconds ?? (next.getTime() - e.start.getTime()) / 1000;
      return [
        formatLocalTime(e.start, now),
        String(e.state),
        e.reason ?? '',
        formatDuration(seconds * 1000),
        e.stationName ?? '',
      ];
    });
    lines.push(
      '',
      `Today (since ${formatLocalTime(h.from, now)}):`,
      table(['TIME', 'STATE', 'REASON', 'FOR', 'STATION'], rows),
    );
  }
  return lines.join('\n');
}

export function renderChangeOutcome(o: ChangeOutcome): string {
  const who = displayName(o.agent);
  switch (o.kind) {
    case 'verified':
      return `${TICK.pass} ${who} ${o.change === 'login' ? 'is logged in:' : 'is now'} ${describeStatus(o.status)} — verified in ${formatDuration(o.verifyMs)} (${o.polls} checks)`;
    case 'already':
      return `${TICK.pass} ${who} is already ${describeStatus(o.status)}; nothing to do.`;
    case 'refused': {
      // The CLI's way to confirm dropping the contact is --force.
      const force =
        o.change === 'logout' && o.reason === 'on_contact'
          ? `\nTo log out anyway: agentstate logout ${o.agent.id} --force`
          : '';
      return `${TICK.fail} ${o.message}\nNothing was sent. ${o.fix}${force}`;
    }
    case 'not_applied':
      return `${TICK.fail} ${o.explanation}`;
  }
}

export function renderReasons(reasons: Reason[]): string {
  return reasons.length === 0
    ? '  (this agent has no unavailable reasons)'
    : reasons.map((r) => `  ${r.name}`).join('\n');
}
