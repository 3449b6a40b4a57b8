import type { Capability } from '../../agentstate/sessions';
import { type Card, context, esc, section } from '../blocks/kit';
import type { Usage } from '../grammar';

/**
 * Help on a real tenant: only what this CXone connection can do, by example. (Logging a logged-out agent in
 * is listed only when the app may start sessions for agents.)
 */
export function sessionUsageCard(capabilities: readonly Capability[], input: Partial<Usage> = {}): Card {
  const top: string[] = [];
  if (input.problem) top.push(`:warning: ${esc(input.problem)}`);
  if (input.suggestion) top.push(`Did you mean \`/agentstate ${esc(input.suggestion)}\`?`);
  const login = capabilities.includes('start_session')
    ? '`/agentstate login maria` — make Maria available (starting her session if she is logged out)'
    : '`/agentstate login maria` — make Maria available (if she is logged out, ask her to log in)';
  const lines = [
    '`/agentstate maria garcia` — her state, why she takes no contacts, and buttons to fix it',
    '`/agentstate history maria` — today: when she logged out, and where',
    '`/agentstate unavailable maria lunch` — set a reason (no reason: pick one)',
    '`/agentstate available maria` — make her available again',
    login,
    '`/agentstate logout maria` — force her session out (asks first; warns when she is on a contact)',
    '`/agentstate floor sales` — a whole team at once, with one-click fixes',
    '`/agentstate diagnose maria` · `skills` · `audit [agent]` · `help`',
  ];
  return {
    text: input.problem ? `${input.problem} See /agentstate help.` : 'How to use /agentstate',
    blocks: [
      ...(top.length ? [section(top.join('\n'))] : []),
      section(`*How to use /agentstate*\n${lines.join('\n')}`),
      context(
        'An agent is an id, an email, a user name, a name, or a Slack mention (@someone, matched by email).',
      ),
    ],
  };
}
