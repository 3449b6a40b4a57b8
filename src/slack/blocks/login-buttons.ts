import type { Agent } from '../../agentstate/model';
import type { Diagnosis, LoginTarget } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { agentName } from './format';
import { actions, type Block, type ButtonElement, button, confirmDialog, type Mrkdwn, md } from './kit';

/**
 * The "Log agent in" button. With a clear target it posts directly after a confirm dialog naming agent
 * and target; with an ambiguous target (no default skill, several active skills) or none, it opens the
 * modal where the supervisor picks skill, state and activity instead. Every change is confirmed once: on a
 * card that is itself the question (`/agentstate login`'s confirm card) the button carries no dialog.
 */

export function targetLabel(target: LoginTarget): Mrkdwn {
  return md`*${target.skill.name}* as *${target.activity.name}*`;
}

export function loginButton(
  agent: Agent,
  target: LoginTarget,
  text = 'Log agent in',
  ask: 'dialog' | 'card-asks' = 'dialog',
): ButtonElement {
  return button({
    text,
    actionId: ACTION.login,
    style: 'primary',
    value: encode({ a: agent.id, s: target.skill.id, st: target.state.id, ac: target.activity.id }),
    ...(ask === 'dialog'
      ? {
          confirm: confirmDialog(
            'Log agent in?',
            md`Log ${agentName(agent)} in to ${targetLabel(target)}?`,
            'Log in',
            'primary',
          ),
        }
      : {}),
  });
}

export function modalButton(
  agent: Agent,
  target: LoginTarget | undefined,
  text: string,
  primary = false,
): ButtonElement {
  const value = target
    ? encode({ a: agent.id, s: target.skill.id, ac: target.activity.id })
    : encode({ a: agent.id });
  return button({ text, actionId: ACTION.openLoginModal, value, ...(primary ? { style: 'primary' } : {}) });
}

/**
 * The buttons an empty status or a diagnosis offers: none when a login would not help or cannot work
 * (e.g. the OAuth client lacks Agent-Write; the diagnosis says so instead).
 */
export function loginActions(agent: Agent, diagnosis: Diagnosis): Block[] {
  const target = diagnosis.target;
  if (diagnosis.verdict !== 'not_logged_in' || !diagnosis.canLogin) return [];
  if (target && !target.ambiguous) {
    return [actions(BLOCK.buttons, loginButton(agent, target), modalButton(agent, target, 'Other skill…'))];
  }
  return [actions(BLOCK.buttons, modalButton(agent, target, 'Log agent in…', true))];
}
