import { type Agent, displayName } from '../agentstate/model';
import type {
  Diagnosis,
  LoginOutcome,
  LoginTarget,
  LogoutOutcome,
  ReportResult,
  ResolvedState,
} from '../agentstate/types';
import { formatDuration, formatLocalTime, TICK, table } from './format';
import { inlineSafe } from './io';

/** Plain-text renderings of use-case results, for humans at a terminal. */

export function agentLine(agent: Agent): string {
  const inactive = agent.isActive ? '' : ' (inactive)';
  return inlineSafe(`${displayName(agent)} <${agent.email}> ${agent.id}${inactive}`);
}

export function renderStates(states: ResolvedState[], now: number): string {
  return table(
    ['SKILL', 'STATE', 'ACTIVITY', 'SINCE', 'FOR'],
    states.map((s) => [
      s.skillName,
      s.stateName,
      s.activityName,
      formatLocalTime(s.since, new Date(now)),
      formatDuration(now - s.since.getTime()),
    ]),
  );
}

export function renderTarget(target: LoginTarget): string {
  const note = target.note ? ` (${target.note})` : '';
  return inlineSafe(`${target.skill.name} / ${target.state.name} / ${target.activity.name}${note}`);
}

export function renderReport(result: Extract<ReportResult, { kind: 'report' }>): string {
  const head = agentLine(result.agent);
  if (result.states.length > 0) {
    return `${head}\n\n${renderStates(result.states, result.checkedAt.getTime())}\n\nchecked at ${formatLocalTime(result.checkedAt, result.checkedAt)}`;
  }
  const d = result.diagnosis;
  const why = d ? `${d.summary}\nFix: ${d.fix}` : 'No states: the agent is not logged in to any skill.';
  // With several skills and no default, login asks which one: say so in the hint.
  const skill = d?.target?.ambiguous ? ' --skill <skill>' : '';
  const hint = d?.canLogin ? `\nRun: agentstate login ${result.agent.id}${skill}` : '';
  return `${head}\n\nNo active states.\n${why}${hint}`;
}

export function renderDiagnosis(d: Diagnosis): string {
  const head = d.agent ? agentLine(d.agent) : `Agent "${d.ref}"`;
  const width = Math.max(...d.checks.map((c) => c.label.length));
  const checks = d.checks.map((c) => `  ${TICK[c.outcome]} ${c.label.padEnd(width)}  ${c.detail}`).join('\n');
  const candidates = d.candidates?.length
    ? `\n\nCandidates:\n${d.candidates.map((a) => `  ${agentLine(a)}`).join('\n')}`
    : '';
  const states = d.states.length > 0 ? `\n\n${renderStates(d.states, Date.now())}` : '';
  const target = d.target ? `\nLogin target: ${renderTarget(d.target)}` : '';
  return `${head}\n\n${checks}${candidates}${states}\n\nVerdict: ${d.verdict}\n${d.summary}\nFix: ${d.fix}${target}`;
}

export function renderLoginOutcome(outcome: LoginOutcome): string {
  const who = displayName(outcome.agent);
  switch (outcome.kind) {
    case 'verified':
      return `${TICK.pass} ${who} logged in to ${outcome.target.skill.name} as ${outcome.target.activity.name} — verified in ${formatDuration(outcome.verifyMs)} (${outcome.polls} checks)`;
    case 'already_logged_in':
      return `${TICK.pass} ${who} is already logged in to ${outcome.target.skill.name} (${outcome.state.activityName}); nothing to do.`;
    case 'conflict': {
      const skill =
        outcome.conflictingSkill?.name ?? outcome.conflictingState?.skillName ?? 'a conflicting skill';
      const switchHint = outcome.conflictingSkill
        ? `\nTo switch: agentstate logout ${outcome.agent.id} --skill "${outcome.conflictingSkill.name}" && agentstate login ${outcome.agent.id} --skill "${outcome.target.skill.name}"`
        : '';
      return `${TICK.fail} ${who} cannot be logged in to ${outcome.target.skill.name}: already logged in to ${skill}.\n${outcome.error.remediation}${switchHint}`;
    }
    case 'not_visible': {
      const states = outcome.validStates.map((s) => `    ${s.id}  ${s.name}`).join('\n');
      const acts = outcome.validActivities.map((a) => `    ${a.id}  ${a.name}`).join('\n');
      return `${TICK.fail} CXone accepted the login for ${who} but the state did not appear within ${formatDuration(outcome.verifyMs)}.\n${outcome.explanation}\n  States of ${outcome.target.skill.name}:\n${states}\n  Activities:\n${acts}`;
    }
  }
}

export function renderLogoutOutcome(outcome: LogoutOutcome): string {
  const who = displayName(outcome.agent);
  switch (outcome.kind) {
    case 'logged_out':
      return `${TICK.pass} ${who} logged out of ${outcome.removed.map((s) => s.skillName).join(', ')} — verified in ${formatDuration(outcome.verifyMs)}`;
    case 'not_logged_in':
      return `${who} is not logged in${outcome.skillName ? ` to ${outcome.skillName}` : ''}; nothing to do.`;
    case 'not_confirmed':
      return `${TICK.fail} Logout of ${who} was sent but not confirmed within ${formatDuration(outcome.verifyMs)}.\n${outcome.explanation}`;
  }
}
