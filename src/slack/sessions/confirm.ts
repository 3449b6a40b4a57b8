import { displayName } from '../../agentstate/model';
import type { Capability, SessionReport } from '../../agentstate/sessions';
import { actions, button, type Card, context, esc, section } from '../blocks/kit';
import { encode } from '../payloads';
import { actionButtons, SESSION_BLOCK, stateWords } from './cards';
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
  const name = esc(displayName(agent));
  const now = `${name} is *${esc(stateWords(status))}*.`;
  const value = encode({ a: agent.id });
  const footer = context(`${esc(agent.email)} · agent ${esc(agent.id)}`);
  if (kind === 'logout') {
    if (status.kind === 'logged_out')
      return {
        text: `${name} is already logged out`,
        blocks: [section(`${now} Nothing to log out.`), footer],
      };
    const warning =
      status.kind === 'working' ? `\n:warning: *They are on a contact: logging them out drops it.*` : '';
    return {
      text: `Log ${name} out of CXone?`,
      blocks: [
        section(`${now} Log them out? This ends their CXone session.${warning}`),
        actions(
          SESSION_BLOCK.buttons,
          button({ text: 'Log out', actionId: SESSION_ACTION.logout, value, style: 'danger' }),
          button({ text: 'Cancel', actionId: SESSION_ACTION.refresh, value }),
        ),
        footer,
      ],
    };
  }
  if (status.kind === 'available' || status.kind === 'working')
    return { text: `${name} is already logged in`, blocks: [section(`${now} Nothing to do.`), footer] };
  if (status.kind === 'logged_out' && !capabilities.includes('start_session'))
    return {
      text: `Only ${name} can start a CXone session`,
      blocks: [
        section(
          `${now} Only the agent can start a CXone session — ask them to log in, and this message turns to verified when they have.`,
        ),
        actions(SESSION_BLOCK.buttons, ...actionButtons(agent, status, r.actions).slice(0, 1)),
        footer,
      ],
    };
  const what =
    status.kind === 'logged_out'
      ? 'Start a CXone session as them at the station they used last, and make them available?'
      : 'Make them available?';
  return {
    text: `Log ${name} in?`,
    blocks: [
      section(`${now} ${what}`),
      actions(
        SESSION_BLOCK.buttons,
        button({ text: 'Log in', actionId: SESSION_ACTION.login, value, style: 'primary' }),
        button({ text: 'Cancel', actionId: SESSION_ACTION.refresh, value }),
      ),
      footer,
    ],
  };
}
