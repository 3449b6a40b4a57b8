import { type Card, context, esc, section } from './kit';

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
  const top: string[] = [];
  if (input.problem) top.push(`:warning: ${esc(input.problem)}`);
  if (input.suggestion) top.push(`Did you mean \`/agentstate ${esc(input.suggestion)}\`?`);
  return {
    text: input.problem ? `${input.problem} See /agentstate help.` : 'How to use /agentstate',
    blocks: [
      ...(top.length ? [section(top.join('\n'))] : []),
      section(`*How to use /agentstate*\n${USAGE_LINES.join('\n')}`),
      context(
        '`<agent>` is an agent id, an email, a user name, part of the name, or a Slack mention (@someone, matched by email).',
      ),
    ],
  };
}
