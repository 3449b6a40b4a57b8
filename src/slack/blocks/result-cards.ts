import type { Agent } from '../../agentstate/model';
import type { LoginOutcome, LoginTarget } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName, seconds, slackDate } from './format';
import { actions, button, type Card, context, esc, section } from './kit';
import { loginButton, targetLabel } from './login-buttons';

/** What replaces the progress card when a login or skill switch ends. */

export function loginResultCard(outcome: LoginOutcome, by: string): Card {
  switch (outcome.kind) {
    case 'verified':
      return verifiedCard(outcome, by);
    case 'already_logged_in':
      return {
        text: `${agentName(outcome.agent)} was already logged in to ${outcome.target.skill.name}`,
        blocks: [
          section(
            `:information_source: ${agentName(outcome.agent)} is already logged in to *${esc(outcome.state.skillName)}* as *${esc(outcome.state.activityName)}* since ${slackDate(outcome.state.since)}. Nothing was changed.`,
          ),
          agentContext(outcome.agent),
        ],
      };
    case 'conflict':
      return conflictCard(outcome);
    case 'not_visible':
      return notVisibleCard(outcome);
  }
}

function verifiedCard(outcome: Extract<LoginOutcome, { kind: 'verified' }>, by: string): Card {
  const line = `Logged in to *${esc(outcome.state.skillName)}* as *${esc(outcome.state.activityName)}* by <@${by}> — verified in ${seconds(outcome.verifyMs)} s`;
  return {
    text: `${agentName(outcome.agent)}: logged in to ${outcome.state.skillName} as ${outcome.state.activityName} by <@${by}> — verified in ${seconds(outcome.verifyMs)} s`,
    blocks: [
      section(`:white_check_mark: ${agentName(outcome.agent)}: ${line}`),
      agentContext(outcome.agent, `${outcome.polls} check${outcome.polls === 1 ? '' : 's'}`),
    ],
  };
}

function conflictCard(outcome: Extract<LoginOutcome, { kind: 'conflict' }>): Card {
  const { agent, target, conflictingSkill } = outcome;
  const blocker = conflictingSkill
    ? `already logged in to *${esc(conflictingSkill.name)}*, which conflicts with it`
    : 'already logged in to it or to a conflicting skill';
  const buttons = conflictingSkill
    ? [
        actions(
          BLOCK.buttons,
          button({
            text: `Switch to ${target.skill.name}`,
            actionId: ACTION.switchSkill,
            style: 'primary',
            value: encode({
              a: agent.id,
              f: conflictingSkill.id,
              s: target.skill.id,
              st: target.state.id,
              ac: target.activity.id,
            }),
          }),
        ),
      ]
    : [];
  return {
    text: `${agentName(agent)} could not be logged in to ${target.skill.name}: ${blocker}`,
    blocks: [
      section(
        `:warning: Could not log ${agentName(agent)} in to *${esc(target.skill.name)}*: ${blocker}.\n${esc(outcome.error.remediation)}`,
      ),
      ...buttons,
      agentContext(agent),
    ],
  };
}

function notVisibleCard(outcome: Extract<LoginOutcome, { kind: 'not_visible' }>): Card {
  const { agent, target } = outcome;
  const states = outcome.validStates.map((s) => `${esc(s.name)} \`${s.id}\``).join(', ') || '—';
  const activities = outcome.validActivities.map((a) => esc(a.name)).join(', ') || '—';
  return {
    text: `The login of ${agentName(agent)} was accepted but never appeared`,
    blocks: [
      section(
        `:x: CXone accepted the login of ${agentName(agent)} to ${targetLabel(target)} but it never appeared (${outcome.polls} checks over ${seconds(outcome.verifyMs)} s).\n${esc(outcome.explanation)}`,
      ),
      section(`*Valid states for ${esc(target.skill.name)}:* ${states}\n*Valid activities:* ${activities}`),
      actions(BLOCK.buttons, loginButton(agent, target, 'Retry'), retargetButton(agent, outcome)),
      agentContext(agent),
    ],
  };
}

function retargetButton(agent: Agent, outcome: Extract<LoginOutcome, { kind: 'not_visible' }>) {
  const vs = outcome.validStates.slice(0, 20).map((s) => [s.id, s.name.slice(0, 80)]);
  const value = encode({ a: agent.id, s: outcome.target.skill.id, ac: outcome.target.activity.id, vs });
  // Button values are capped at 2000 chars; without the state list the modal offers the skill default.
  const safe = value.length <= 2000 ? value : encode({ a: agent.id, s: outcome.target.skill.id });
  return button({ text: 'Choose state and activity…', actionId: ACTION.openLoginModal, value: safe });
}

export function agentContext(agent: Agent, extra?: string): ReturnType<typeof context> {
  return context([`${agentName(agent)} · \`${agent.id}\``, extra].filter(Boolean).join(' · '));
}

/** A one-line summary of the target, for confirm cards and audit lines. */
export function describeTarget(target: LoginTarget): string {
  return `${target.skill.name} as ${target.activity.name}`;
}
