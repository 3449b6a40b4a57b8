import type { Agent } from '../../agentstate/model';
import type { LoginProgress } from '../../agentstate/types';
import { agentName, seconds } from './format';
import { type Card, card, context, type Mrkdwn, md, section } from './kit';
import { userMention } from './mrkdwn';

/**
 * Replaces the clicked card while a change runs. It has no buttons on purpose: the message itself can no
 * longer be clicked twice (the operation guard covers other messages and other supervisors).
 */

export type ProgressAction = 'login' | 'logout' | 'switch';

const VERB: Record<ProgressAction, string> = {
  login: 'Logging in',
  logout: 'Logging out',
  switch: 'Switching skill',
};

export function progressLine(event: LoginProgress | undefined): Mrkdwn {
  switch (event?.type) {
    case undefined:
    case 'checking':
      return md`checking the current state…`;
    case 'logging_out':
      return md`logging out of ${event.skillName}…`;
    case 'posting':
      return md`sending the login for ${event.target.skill.name}…`;
    case 'posted':
      return md`CXone accepted it (${seconds(event.elapsedMs)} s), waiting for it to show up…`;
    case 'polling':
      return md`checking ${event.attempt} (${seconds(event.elapsedMs)} s of ${seconds(event.timeoutMs)} s)`;
    case 'verified':
      return md`verified in ${seconds(event.elapsedMs)} s`;
  }
}

export function progressCard(agent: Agent, action: ProgressAction, by: string, event?: LoginProgress): Card {
  const name = agentName(agent);
  return card(md`${VERB[action]} ${name}… ${progressLine(event)}`, [
    section(md`:hourglass_flowing_sand: *${VERB[action]}* ${name}… ${progressLine(event)}`),
    context(md`Started by ${userMention(by)} · \`${agent.id}\``),
  ]);
}
