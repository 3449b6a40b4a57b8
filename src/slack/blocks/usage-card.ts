import { type Card, card, context, join, md, section } from './kit';

/** `/agentstate help`, empty text and anything that does not parse. */

/** Help teaches by example first: the four things a supervisor does most, written as they would type them. */
export const USAGE_EXAMPLES = [
  '`/agentstate maria` — Maria’s states; when she has none, why, and a button to log her in',
  '`/agentstate login maria billing` — log Maria in to Billing, verified (supervisors; asks once)',
  '`/agentstate watch maria #floor @here` — post in #floor, mentioning everyone there, when she drops out of every skill (supervisors)',
  '`/agentstate skills` — every skill and how many agents are in it now',
];

export const USAGE_LINES = [
  '`/agentstate <agent>` or `status <agent>` — the agent’s current states',
  '`/agentstate diagnose <agent>` — every check with ✓/✗ and the fix',
  '`/agentstate history <agent>` — what happened to the agent today',
  '`/agentstate login <agent> [skill]` · `logout <agent> [skill]` — change the agent’s skills (supervisors; asks once)',
  '`/agentstate floor [skill]` — a skill’s agents at a glance',
  '`/agentstate watch <agent> [#channel] [@someone|@here]` — post in the channel (default: this one) when the agent drops out of every skill, mentioning whom you name (supervisors)',
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
    section(md`*How to use /agentstate*\n${join(USAGE_EXAMPLES, '\n')}`),
    section(md`*Every command*\n${join(USAGE_LINES, '\n')}`),
    context(
      md`\`${'<agent>'}\` is an agent id, an email, a user name, part of the name, or a Slack mention (@someone, matched by email).`,
    ),
  ]);
}
