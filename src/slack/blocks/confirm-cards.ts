import type { Agent } from '../../agentstate/model';
import type { LoginTarget, ResolvedState } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName } from './format';
import { actions, button, type Card, context, esc, section } from './kit';
import { loginButton, modalButton, targetLabel } from './login-buttons';

/**
 * `/agentstate login|logout …` never changes anything straight from the command: it answers with this
 * confirm step, and the click (authorised again, guarded against doubles) does the work.
 */

const cancelButton = () => button({ text: 'Cancel', actionId: ACTION.cancel, value: 'cancel' });

export function confirmLoginCard(agent: Agent, target: LoginTarget): Card {
  const note = target.note ? [context(`Target chosen: ${esc(target.note)}`)] : [];
  const primary = target.ambiguous
    ? modalButton(agent, target, 'Choose skill…', true)
    : loginButton(agent, target, 'Log in');
  const secondary = target.ambiguous ? [] : [modalButton(agent, target, 'Other skill…')];
  return {
    text: `Log ${agentName(agent)} in to ${target.skill.name} as ${target.activity.name}?`,
    blocks: [
      section(
        target.ambiguous
          ? `Log ${agentName(agent)} (\`${agent.id}\`) in — which skill? The default would be ${targetLabel(target)}.`
          : `Log ${agentName(agent)} (\`${agent.id}\`) in to ${targetLabel(target)}?`,
      ),
      actions(BLOCK.buttons, primary, ...secondary, cancelButton()),
      ...note,
    ],
  };
}

/** `skill` as typed (id or name), or undefined for every state the agent has. */
export function confirmLogoutCard(agent: Agent, states: ResolvedState[], skill?: string): Card {
  const what = skill
    ? `*${esc(skill)}*`
    : states.length
      ? `every skill (${states.map((s) => `*${esc(s.skillName)}*`).join(', ')})`
      : 'every skill';
  return {
    text: `Log ${agentName(agent)} out of ${skill ?? 'every skill'}?`,
    blocks: [
      section(`Log ${agentName(agent)} (\`${agent.id}\`) out of ${what}?`),
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
    ],
  };
}
