import type { Agent } from '../../agentstate/model';
import type { LoginOutcome, LoginTarget } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName, seconds } from './format';
import { actions, button, type Card, card, context, EMPTY, join, type Mrkdwn, md, section } from './kit';
import { loginButton, targetLabel } from './login-buttons';
import { slackDate, userMention } from './mrkdwn';

/** What replaces the progress card when a login or skill switch ends. */

export function loginResultCard(outcome: LoginOutcome, by: string): Card {
  switch (outcome.kind) {
    case 'verified':
      return verifiedCard(outcome, by);
    case 'already_logged_in': {
      const name = agentName(outcome.agent);
      return card(md`${name} was already logged in to ${outcome.target.skill.name}`, [
        section(
          md`:information_source: ${name} is already logged in to *${outcome.state.skillName}* as *${outcome.state.activityName}* since ${slackDate(outcome.state.since)}. Nothing was changed.`,
        ),
        agentContext(outcome.agent),
      ]);
    }
    case 'conflict':
      return conflictCard(outcome);
    case 'not_visible':
      return notVisibleCard(outcome);
  }
}

function verifiedCard(outcome: Extract<LoginOutcome, { kind: 'verified' }>, by: string): Card {
  const { state } = outcome;
  const name = agentName(outcome.agent);
  const done = md`by ${userMention(by)} — verified in ${seconds(outcome.verifyMs)} s`;
  return card(md`${name}: logged in to ${state.skillName} as ${state.activityName} ${done}`, [
    section(
      md`:white_check_mark: ${name}: Logged in to *${state.skillName}* as *${state.activityName}* ${done}`,
    ),
    agentContext(outcome.agent, md`${outcome.polls} check${outcome.polls === 1 ? '' : 's'}`),
  ]);
}

function conflictCard(outcome: Extract<LoginOutcome, { kind: 'conflict' }>): Card {
  const { agent, target, conflictingSkill } = outcome;
  const blocker = conflictingSkill
    ? md`already logged in to *${conflictingSkill.name}*, which conflicts with it`
    : md`already logged in to it or to a conflicting skill`;
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
  const name = agentName(agent);
  return card(md`${name} could not be logged in to ${target.skill.name}: ${blocker}`, [
    section(
      md`:warning: Could not log ${name} in to *${target.skill.name}*: ${blocker}.\n${conflictingSkill ? md`*Switch* logs them out of ${conflictingSkill.name} and in to ${target.skill.name}, and verifies.` : md`Log them out of their current skill first, then log in again.`}`,
    ),
    ...buttons,
    agentContext(agent),
  ]);
}

function notVisibleCard(outcome: Extract<LoginOutcome, { kind: 'not_visible' }>): Card {
  const { agent, target } = outcome;
  const states = outcome.validStates.length
    ? join(
        outcome.validStates.map((s) => md`${s.name} \`${s.id}\``),
        ', ',
      )
    : md`—`;
  const activities = outcome.validActivities.length
    ? join(
        outcome.validActivities.map((a) => a.name),
        ', ',
      )
    : md`—`;
  const name = agentName(agent);
  return card(md`The login of ${name} was accepted but never appeared`, [
    section(
      md`:x: CXone accepted the login of ${name} to ${targetLabel(target)} but it never appeared (${outcome.polls} checks over ${seconds(outcome.verifyMs)} s).\n${outcome.explanation}`,
    ),
    section(md`*Valid states for ${target.skill.name}:* ${states}\n*Valid activities:* ${activities}`),
    actions(BLOCK.buttons, loginButton(agent, target, 'Retry'), retargetButton(agent, outcome)),
    agentContext(agent),
  ]);
}

function retargetButton(agent: Agent, outcome: Extract<LoginOutcome, { kind: 'not_visible' }>) {
  const vs = outcome.validStates.slice(0, 20).map((s) => [s.id, s.name.slice(0, 80)]);
  const value = encode({ a: agent.id, s: outcome.target.skill.id, ac: outcome.target.activity.id, vs });
  // Button values are capped at 2000 chars; without the state list the modal offers the skill default.
  const safe = value.length <= 2000 ? value : encode({ a: agent.id, s: outcome.target.skill.id });
  return button({ text: 'Choose state and activity…', actionId: ACTION.openLoginModal, value: safe });
}

export function agentContext(agent: Agent, extra?: Mrkdwn): ReturnType<typeof context> {
  return context(md`${agentName(agent)} · \`${agent.id}\`${extra ? md` · ${extra}` : EMPTY}`);
}

/** A one-line summary of the target, for confirm cards and audit lines. */
export function describeTarget(target: LoginTarget): string {
  return `${target.skill.name} as ${target.activity.name}`;
}
