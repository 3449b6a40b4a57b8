import { type Card, card, context, join, md, section } from './kit';

/** `/agentstate help`, empty text and anything that does not parse. */

export const USAGE_LINES = [
  '`/agentstate <agent>` — the agent’s current states; when there are none, why, and a button to log in',
  '`/agentstate diagnose <agent>` — every check with ✓/✗ and the fix',
  '`/agentstate login <agent> [skill]` — log the agent in (supervisors; asks to confirm)',
  '`/agentstate logout <agent> [skill]` — log the agent out (supervisors; asks to confirm)',
  '`/agentstate skills` — skills with their ids',
  '`/agentstate watch <agent> [#channel]` — post in the channel (default: this one) when the agent drops out of every skill (supervisors)',
  '`/agentstate unwatch <agent> [#channel]` — stop that (supervisors)',
  '`/agentstate watching` — the agents this channel watches, with their current state',
  '`/agentstate audit [agent]` — the latest changes made through the app (supervisors)',
  '`/agentstate help` — this help',
];

export interface UsageInput {
  problem?: string;
  suggestion?: string;
}

export function usageCard(input: UsageInput = {}): Card {
  const top = [];
  if (input.problem) top.push(md`:warning: ${input.problem}`);
  if (input.suggestion) top.push(md`Did you mean \`/agentstate ${input.suggestion}\`?`);
  return card(input.problem ? md`${input.problem} See /agentstate help.` : md`How to use /agentstate`, [
    ...(top.length ? [section(join(top, '\n'))] : []),
    // The lines are the app's own words; joining escapes their `<agent>` placeholders.
    section(md`*How to use /agentstate*\n${join(USAGE_LINES, '\n')}`),
    context(
      md`\`${'<agent>'}\` is an agent id, an email, a user name, part of the name, or a Slack mention (@someone, matched by email).`,
    ),
  ]);
}
