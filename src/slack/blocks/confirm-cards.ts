import type { Agent } from '../../agentstate/model';
import type { LoginTarget, ResolvedState } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName } from './format';
import { actions, button, type Card, card, context, join, md, section } from './kit';
import { loginButton, modalButton, targetLabel } from './login-buttons';

/**
 * `/agentstate login|logout …` never changes anything straight from the command: it answers with this
 * confirm step, and the click (authorised again, guarded against doubles) does the work.
 */

const cancelButton = () => button({ text: 'Cancel', actionId: ACTION.cancel, value: 'cancel' });

export function confirmLoginCard(agent: Agent, target: LoginTarget, current: ResolvedState[] = []): Card {
  const note = target.note ? [context(md`Target chosen: ${target.note}`)] : [];
  const primary = target.ambiguous
    ? modalButton(agent, target, 'Choose skill…', true)
    : // This card is the question; a dialog on its button would ask a second time.
      loginButton(agent, target, 'Log in', 'card-asks');
  // The states were just read: a skill the agent is in may conflict with the target, so the switch is
  // offered now rather than after CXone's 409.
  const switches = target.ambiguous ? [] : current.slice(0, 3).map((s) => switchButton(agent, target, s));
  const secondary = target.ambiguous ? [] : [...switches, modalButton(agent, target, 'Other skill…')];
  const inNow = current.length
    ? [
        context(
          md`Logged in now to ${join(
            current.map((s) => md`*${s.skillName}*`),
            ', ',
          )}.`,
        ),
      ]
    : [];
  const name = agentName(agent);
  return card(md`Log ${name} in to ${target.skill.name} as ${target.activity.name}?`, [
    section(
      target.ambiguous
        ? md`Log ${name} (\`${agent.id}\`) in — which skill? The default would be ${targetLabel(target)}.`
        : md`Log ${name} (\`${agent.id}\`) in to ${targetLabel(target)}?`,
    ),
    ...inNow,
    actions(BLOCK.buttons, primary, ...secondary, cancelButton()),
    ...note,
  ]);
}

function switchButton(agent: Agent, target: LoginTarget, from: ResolvedState) {
  return button({
    text: `Switch from ${from.skillName} to ${target.skill.name}`.slice(0, 75),
    actionId: ACTION.switchSkill,
    value: encode({
      a: agent.id,
      f: from.state.skillId,
      s: target.skill.id,
      st: target.state.id,
      ac: target.activity.id,
    }),
  });
}

/** Nothing to do, said before asking anything: the agent is already in the skill. */
export function alreadyInSkillCard(agent: Agent, state: ResolvedState): Card {
  const name = agentName(agent);
  return card(md`${name} is already logged in to ${state.skillName}`, [
    section(
      md`:white_check_mark: *${name}* is already logged in to *${state.skillName}* as *${state.activityName}*. Nothing to do.`,
    ),
  ]);
}

/** `logout <agent> <skill>` for a skill the agent is not in: nothing to confirm. `skill` is its real name. */
export function notInSkillCard(agent: Agent, skill: string, current: ResolvedState[]): Card {
  const name = agentName(agent);
  const inNow = current.length
    ? md` They are logged in to ${join(
        current.map((s) => md`*${s.skillName}*`),
        ', ',
      )}.`
    : md``;
  return card(md`${name} is not logged in to ${skill}`, [
    section(md`*${name}* is not logged in to *${skill}*: nothing to log out.${inNow}`),
  ]);
}

/** `skill` as typed (id or name), or undefined for every state the agent has. */
export function confirmLogoutCard(agent: Agent, states: ResolvedState[], skill?: string): Card {
  const what = skill
    ? md`*${skill}*`
    : states.length
      ? md`every skill (${join(
          states.map((s) => md`*${s.skillName}*`),
          ', ',
        )})`
      : md`every skill`;
  const name = agentName(agent);
  return card(md`Log ${name} out of ${skill ?? 'every skill'}?`, [
    section(md`Log ${name} (\`${agent.id}\`) out of ${what}?`),
    actions(
      BLOCK.buttons,
      button({
        text: 'Log out',
        actionId: ACTION.logout,
        style: 'danger',
        value: encode(skill ? { a: agent.id, s: skill } : { a: agent.id }),
      }),
      cancelButton(),
    ),
  ]);
}

/**
 * A login that cannot work, refused before anything is sent: the agent's account is deactivated in CXone
 * (CXone would answer only "bad request"). No button: reactivating the account is done in CXone.
 */
export function inactiveAgentCard(agent: Agent): Card {
  const name = agentName(agent);
  return card(md`${name} is deactivated in CXone and cannot be logged in`, [
    section(
      md`:no_entry: *${name} is deactivated in CXone*, so they cannot be logged in.\n*Fix:* reactivate the account in CXone (Admin › Users), then log them in.`,
    ),
    context(md`Nothing was sent to CXone.`),
  ]);
}
