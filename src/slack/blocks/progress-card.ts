import type { Agent } from '../../agentstate/model';
import type { LoginProgress } from '../../agentstate/types';
import { agentName, seconds } from './format';
import { type Card, context, esc, section } from './kit';

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

export function progressLine(event: LoginProgress | undefined): string {
  switch (event?.type) {
    case undefined:
    case 'checking':
      return 'checking the current state…';
    case 'logging_out':
      return `logging out of ${esc(event.skillName)}…`;
    case 'posting':
      return `sending the login for ${esc(event.target.skill.name)}…`;
    case 'posted':
      return `CXone accepted it (${seconds(event.elapsedMs)} s), waiting for it to show up…`;
    case 'polling':
      return `checking ${event.attempt} (${seconds(event.elapsedMs)} s of ${seconds(event.timeoutMs)} s)`;
    case 'verified':
      return `verified in ${seconds(event.elapsedMs)} s`;
  }
}

export function progressCard(agent: Agent, action: ProgressAction, by: string, event?: LoginProgress): Card {
  const text = `${VERB[action]} ${agentName(agent)}… ${progressLine(event)}`;
  return {
    text,
    blocks: [
      section(`:hourglass_flowing_sand: *${VERB[action]}* ${agentName(agent)}… ${progressLine(event)}`),
      context(`Started by <@${by}> · \`${agent.id}\``),
    ],
  };
}
