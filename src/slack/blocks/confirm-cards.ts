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

export function confirmLoginCard(agent: Agent, target: LoginTarget): Card {
  const note = target.note ? [context(md`Target chosen: ${target.note}`)] : [];
  const primary = target.ambiguous
    ? modalButton(agent, target, 'Choose skill…', true)
    : loginButton(agent, target, 'Log in');
  const secondary = target.ambiguous ? [] : [modalButton(agent, target, 'Other skill…')];
  const name = agentName(agent);
  return card(md`Log ${name} in to ${target.skill.name} as ${target.activity.name}?`, [
    section(
      target.ambiguous
        ? md`Log ${name} (\`${agent.id}\`) in — which skill? The default would be ${targetLabel(target)}.`
        : md`Log ${name} (\`${agent.id}\`) in to ${targetLabel(target)}?`,
    ),
    actions(BLOCK.buttons, primary, ...secondary, cancelButton()),
    ...note,
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
