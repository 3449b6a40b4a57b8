import type { Capability } from '../../agentstate/sessions';
import { type Card, card, context, type Mrkdwn, md, section } from '../blocks/kit';
import type { Usage } from '../grammar';

/**
 * Help on a real tenant: only what this CXone connection can do, by example. (Logging a logged-out agent in
 * is listed only when the app may start sessions for agents.)
 */
export function sessionUsageCard(capabilities: readonly Capability[], input: Partial<Usage> = {}): Card {
  const top: Mrkdwn[] = [];
  if (input.problem) top.push(md`:warning: ${input.problem}`);
  if (input.suggestion) top.push(md`Did you mean \`/agentstate ${input.suggestion}\`?`);
  const login = capabilities.includes('start_session')
    ? md`\`/agentstate login maria\` — make Maria available (starting her session if she is logged out)`
    : md`\`/agentstate login maria\` — make Maria available (if she is logged out, ask her to log in)`;
  const lines = md`\`/agentstate maria garcia\` — her state, why she takes no contacts, and buttons to fix it
\`/agentstate history maria\` — today: when she logged out, and where
\`/agentstate unavailable maria lunch\` — set a reason (no reason: pick one)
\`/agentstate available maria\` — make her available again
${login}
\`/agentstate logout maria\` — force her session out (asks first; warns when she is on a contact)
\`/agentstate floor sales\` — a whole team at once, with one-click fixes
\`/agentstate watch maria [#channel]\` — post in the channel when she logs out (\`unwatch\` stops it; \`watching\` lists them)
\`/agentstate diagnose maria\` · \`skills\` · \`audit [agent]\` · \`help\``;
  return card(input.problem ? md`${input.problem} See /agentstate help.` : md`How to use /agentstate`, [
    ...top.map((t) => section(t)),
    section(md`*How to use /agentstate*\n${lines}`),
    context(
      md`An agent is an id, an email, a user name, a name, or a Slack mention (@someone, matched by email).`,
    ),
  ]);
}
