import { ACTION, BLOCK } from '../ids';
import { encode, loginValueSchema, logoutValueSchema, switchValueSchema } from '../payloads';
import { actions, type Block, type ButtonElement, button, confirmDialog, EMPTY, md } from './kit';

/**
 * What a supervisor reaches for after reading a card: look again, look closer, log out, watch, unwatch.
 * Each button carries only ids; the click reads names again from CXone or the store. Change buttons are
 * left out of cards a member sees (they could not use them), and "Log out…" only opens the usual confirm
 * step: nothing changes on the first click.
 */

/** An agent by id (`a`), or a reference as it was typed (`q`) when the read failed before it named one. */
export type AgentValue = { a: string } | { q: string };

export function refreshButton(agent: AgentValue, text = 'Refresh'): ButtonElement {
  return button({ text, actionId: ACTION.refresh, value: encode(agent) });
}

export function diagnoseButton(agentId: string): ButtonElement {
  return button({ text: 'Diagnose', actionId: ACTION.diagnose, value: encode({ a: agentId }) });
}

export function askLogoutButton(agentId: string): ButtonElement {
  return button({ text: 'Log out…', actionId: ACTION.askLogout, value: encode({ a: agentId }) });
}

/** Watches in the channel the card was shown in (the click says which). */
export function watchButton(agentId: string): ButtonElement {
  return button({ text: 'Watch', actionId: ACTION.watchHere, value: encode({ a: agentId }) });
}

export function unwatchButton(agentId: string, channelId: string): ButtonElement {
  return button({ text: 'Unwatch', actionId: ACTION.unwatch, value: encode({ a: agentId, c: channelId }) });
}

/** The logged-in status card's actions: Refresh and Diagnose for everyone, Log out… and Watch for supervisors. */
export function statusActions(agentId: string, canChange: boolean): Block {
  const change = canChange ? [askLogoutButton(agentId), watchButton(agentId)] : [];
  return actions(BLOCK.next, refreshButton({ a: agentId }), ...change, diagnoseButton(agentId));
}

/**
 * Retry of a failed change: the same button the change started from (login, switch or logout), so it goes
 * through the replay guard and the guarded flow again. A retry is a new change sent to CXone, so like every
 * change button on a notice it asks once, in a dialog naming the agent (and, for a switch, both halves).
 * Undefined when the target is not all ids (a skill typed by name would not survive the value's check).
 */
export function retryChangeButton(
  action: 'login' | 'switch' | 'logout',
  agent: { id: string; name: string },
  target: { skill?: string; stateId?: string; activity?: string; from?: string },
  /** Skill names where the caller knows them (the button value holds only ids). */
  names: { skill?: string; from?: string } = {},
): ButtonElement | undefined {
  const agentId = agent.id;
  const ids = { s: target.skill, st: target.stateId, ac: target.activity };
  const compact = Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined));
  const value =
    action === 'logout'
      ? logoutValueSchema.safeParse({ a: agentId, ...(target.skill ? { s: target.skill } : {}) })
      : action === 'switch'
        ? switchValueSchema.safeParse({ a: agentId, f: target.from, ...compact })
        : loginValueSchema.safeParse({ a: agentId, ...compact });
  if (!value.success) return undefined;
  const actionId = { login: ACTION.login, switch: ACTION.switchSkill, logout: ACTION.logout }[action];
  return button({
    text: 'Retry',
    actionId,
    value: encode(value.data),
    confirm: retryDialog(action, agent.name, names, target.skill !== undefined),
  });
}

function retryDialog(
  action: 'login' | 'switch' | 'logout',
  name: string,
  names: { skill?: string; from?: string },
  oneSkill: boolean,
) {
  const to = names.skill ? md` to *${names.skill}*` : EMPTY;
  switch (action) {
    case 'login':
      return confirmDialog('Try the login again?', md`Log ${name} in${to}?`, 'Log in', 'primary');
    case 'logout':
      return confirmDialog(
        'Try the logout again?',
        md`Log ${name} out of ${names.skill ? md`*${names.skill}*` : oneSkill ? md`the same skill` : md`every skill`}?`,
        'Log out',
        'danger',
      );
    case 'switch':
      return confirmDialog(
        'Try the switch again?',
        md`Log ${name} out of ${names.from ? md`*${names.from}*` : md`the skill they are in`} and in${names.skill ? to : md` to the new skill`}?`,
        'Switch',
        'primary',
      );
  }
}
