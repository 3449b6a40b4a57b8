import type { Agent } from '../../agentstate/model';
import type { LoginProgress } from '../../agentstate/types';
import { agentName, seconds } from './format';
import { type Card, card, context, type Mrkdwn, md, section } from './kit';
import { userMention } from './mrkdwn';

/**
 * Replaces the clicked card while a change runs. It has no buttons on purpose: the message itself can no
 * longer be clicked twice (the operation guard covers other messages and other supervisors).
 *
 * Each line names the phase and stays true until the next one: Slack allows only a few updates, so a card
 * may be the last one shown for many seconds. No poll counter or running clock (they freeze between
 * updates and, in a switch, start again at zero); the deadline instead ("up to 15 s").
 */

export type ProgressAction = 'login' | 'logout' | 'switch';

const VERB: Record<ProgressAction, string> = {
  login: 'Logging in',
  logout: 'Logging out',
  switch: 'Switching skill',
};

/** What the card remembers of earlier events, so a later phase can say what is done. */
export interface ProgressMemory {
  /** The skill a switch logged out of, once its login began. */
  loggedOutOf?: string;
  /** The skill a switch is logging out of (the logout's polls come before the login's). */
  loggingOutOf?: string;
  /** The skill being logged in to, once known. */
  loggingInTo?: string;
}

function waiting(timeoutMs: number, what: Mrkdwn): Mrkdwn {
  return md`waiting for CXone to show ${what} (up to ${seconds(timeoutMs)} s)…`;
}

export function progressLine(event: LoginProgress | undefined, memory: ProgressMemory = {}): Mrkdwn {
  const done = memory.loggedOutOf ? md`Logged out of ${memory.loggedOutOf} ✓ · ` : md``;
  const into = memory.loggingInTo ? md`logging in to ${memory.loggingInTo}` : md`logging in`;
  switch (event?.type) {
    case undefined:
      // Beside a channel message this card cannot be updated and stays above the result: say it started.
      return md`started; the result follows.`;
    case 'checking':
      return memory.loggedOutOf ? md`${done}${into}…` : md`checking the current state…`;
    case 'logging_out':
      return md`logging out of ${event.skillName}…`;
    case 'posting':
      return md`${done}logging in to ${event.target.skill.name}…`;
    case 'posted':
      return md`${done}${into} · CXone accepted it, waiting for it to show…`;
    case 'polling':
      if (memory.loggingOutOf && !memory.loggedOutOf) {
        return md`logging out of ${memory.loggingOutOf} · ${waiting(event.timeoutMs, md`it`)}`;
      }
      if (memory.loggingInTo) return md`${done}${into} · ${waiting(event.timeoutMs, md`it`)}`;
      return waiting(event.timeoutMs, md`the change`);
    case 'verified':
      return md`${done}verified in ${seconds(event.elapsedMs)} s`;
  }
}

function remember(memory: ProgressMemory, event: LoginProgress | undefined): void {
  if (!event) return;
  if (event.type === 'logging_out') memory.loggingOutOf = event.skillName;
  if ((event.type === 'checking' || event.type === 'posting') && memory.loggingOutOf) {
    memory.loggedOutOf = memory.loggingOutOf;
  }
  if (event.type === 'posting') memory.loggingInTo = event.target.skill.name;
}

export function progressCard(
  agent: Agent,
  action: ProgressAction,
  by: string,
  event?: LoginProgress,
  memory: ProgressMemory = {},
): Card {
  const name = agentName(agent);
  const line = progressLine(event, memory);
  return card(md`${VERB[action]} ${name}… ${line}`, [
    section(md`:hourglass_flowing_sand: *${VERB[action]}* ${name}… ${line}`),
    context(md`Started by ${userMention(by)} · \`${agent.id}\``),
  ]);
}

/**
 * The progress card of one change, remembering its phases: give it every event (the reporter renders
 * each one, sent or not) and it names what is done and what runs now.
 */
export function progressView(action: ProgressAction, by: string) {
  const memory: ProgressMemory = {};
  return (agent: Agent, event?: LoginProgress): Card => {
    remember(memory, event);
    return progressCard(agent, action, by, event, { ...memory });
  };
}
