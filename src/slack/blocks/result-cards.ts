import { notVisibleCause } from '../../agentstate/login-explain';
import type { Agent } from '../../agentstate/model';
import type { LoginOutcome, LoginTarget, ResolvedState } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName, seconds } from './format';
import {
  actions,
  button,
  type Card,
  card,
  confirmDialog,
  context,
  EMPTY,
  join,
  type Mrkdwn,
  md,
  section,
} from './kit';
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
            // A switch is two changes, confirmed once: the dialog names both halves.
            confirm: confirmDialog(
              'Switch skill?',
              md`Log ${agentName(agent)} out of *${conflictingSkill.name}* and in to ${targetLabel(target)}?`,
              'Switch',
              'primary',
            ),
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
  const name = agentName(agent);
  const cause = notVisibleCause(target, outcome.validStates, outcome.validActivities);
  const after = md`${seconds(outcome.verifyMs)} s`;
  if (cause.kind === 'slow') {
    // The target is valid: CXone is only slower than our deadline. A retry would be "already logged in"
    // once it shows; what helps is looking again.
    return card(md`The login of ${name} to ${target.skill.name} is not visible yet after ${after}`, [
      section(
        md`:hourglass: CXone accepted the login of ${name} to ${targetLabel(target)}, but it is not visible yet after ${after}. CXone can be slow to show a login; check again in a moment.`,
      ),
      actions(BLOCK.buttons, checkAgainButton(agent, target)),
      agentContext(agent),
    ]);
  }
  const why =
    cause.kind === 'invalid_state'
      ? md`*${target.state.name}* is not the *${cause.loginState.name}* state of ${target.skill.name}.`
      : md`*${target.activity.name}* is not an activity CXone knows.`;
  const choices =
    cause.kind === 'invalid_state'
      ? md`*Valid states for ${target.skill.name}:* ${names(outcome.validStates)}`
      : md`*Valid activities:* ${names(outcome.validActivities)}`;
  const retry =
    cause.kind === 'invalid_state'
      ? [loginButton(agent, { ...target, state: cause.loginState }, `Retry as ${cause.loginState.name}`)]
      : [];
  return card(md`The login of ${name} was accepted but never appeared: ${why}`, [
    section(
      md`:x: CXone accepted the login of ${name} to ${targetLabel(target)} but it never appeared: ${why}`,
    ),
    section(choices),
    actions(BLOCK.buttons, ...retry, retargetButton(agent, outcome)),
    agentContext(agent),
  ]);
}

function names(items: Array<{ name: string }>): Mrkdwn {
  return items.length
    ? join(
        items.map((i) => i.name),
        ', ',
      )
    : md`—`;
}

function checkAgainButton(agent: Agent, target: LoginTarget) {
  return button({
    text: 'Check again',
    actionId: ACTION.checkLogin,
    style: 'primary',
    value: encode({ a: agent.id, s: target.skill.id, ac: target.activity.id }),
  });
}

/**
 * The answer to **Check again**: the login has appeared (the card turns to verified), or it still has not
 * (the same button, with when it was looked at).
 */
export function checkedAgainCard(
  agent: Agent,
  target: { skillId: string; skillName: string; activityId?: string },
  state: ResolvedState | undefined,
  checkedAt: Date,
): Card {
  const name = agentName(agent);
  if (state) {
    return card(md`${name}: logged in to ${state.skillName} as ${state.activityName} — verified`, [
      section(
        md`:white_check_mark: ${name}: Logged in to *${state.skillName}* as *${state.activityName}* since ${slackDate(state.since)} — verified ${slackDate(checkedAt)}`,
      ),
      agentContext(agent),
    ]);
  }
  return card(md`The login of ${name} to ${target.skillName} is still not visible`, [
    section(
      md`:hourglass: The login of ${name} to *${target.skillName}* is still not visible (checked ${slackDate(checkedAt)}). If it does not show in a few minutes, look at the agent’s status and log them in again.`,
    ),
    actions(
      BLOCK.buttons,
      button({
        text: 'Check again',
        actionId: ACTION.checkLogin,
        style: 'primary',
        value: encode({
          a: agent.id,
          s: target.skillId,
          ...(target.activityId ? { ac: target.activityId } : {}),
        }),
      }),
    ),
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
