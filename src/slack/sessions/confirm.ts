import { displayName } from '../../agentstate/model';
import type { Capability, SessionReport } from '../../agentstate/sessions';
import { actions, button, type Card, card, md, section } from '../blocks/kit';
import { encode } from '../payloads';
import { actionButtons, agentLine, SESSION_BLOCK, stateWords } from './cards';
import { SESSION_ACTION } from './values';

/**
 * `/agentstate login|logout <agent>` on a real tenant: the one confirmation, saying what will happen in
 * CXone's terms. When the change cannot be made (a logged-out agent without impersonation, an agent
 * already logged out), the card says why and offers what can be done instead.
 */
export function confirmSessionChangeCard(
  r: SessionReport,
  kind: 'login' | 'logout',
  capabilities: readonly Capability[],
): Card {
  const { agent, status } = r;
  const name = displayName(agent);
  const now = md`${name} is *${stateWords(status)}*.`;
  const value = encode({ a: agent.id });
  const footer = agentLine(agent);
  const cancel = button({ text: 'Cancel', actionId: SESSION_ACTION.refresh, value });
  if (kind === 'logout') {
    if (status.kind === 'logged_out')
      return card(md`${name} is already logged out`, [section(md`${now} Nothing to log out.`), footer]);
    const warning =
      status.kind === 'working' ? md`\n:warning: *They are on a contact: logging them out drops it.*` : md``;
    return card(md`Log ${name} out of CXone?`, [
      section(md`${now} Log them out? This ends their CXone session.${warning}`),
      actions(
        SESSION_BLOCK.buttons,
        button({ text: 'Log out', actionId: SESSION_ACTION.logout, value, style: 'danger' }),
        cancel,
      ),
      footer,
    ]);
  }
  if (status.kind === 'available' || status.kind === 'working')
    return card(md`${name} is already logged in`, [section(md`${now} Nothing to do.`), footer]);
  if (status.kind === 'logged_out' && !capabilities.includes('start_session'))
    return card(md`Only ${name} can start a CXone session`, [
      section(
        md`${now} Only the agent can start a CXone session — ask them to log in, and the message turns to verified when they have.`,
      ),
      actions(SESSION_BLOCK.buttons, ...actionButtons(agent, status, r.actions).slice(0, 1)),
      footer,
    ]);
  const what =
    status.kind === 'logged_out'
      ? md`Start a CXone session as them at the station they used last, and make them available?`
      : md`Make them available?`;
  return card(md`Log ${name} in?`, [
    section(md`${now} ${what}`),
    actions(
      SESSION_BLOCK.buttons,
      button({ text: 'Log in', actionId: SESSION_ACTION.login, value, style: 'primary' }),
      cancel,
    ),
    footer,
  ]);
}
