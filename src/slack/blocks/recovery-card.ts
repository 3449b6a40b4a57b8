import { displayName } from '../../agentstate/model';
import type { ResumeOutcome } from '../../agentstate/recovery';
import { userMention } from './format';
import { type Card, context, esc, section } from './kit';

/** What replaces (or follows) a progress message whose process died before it could show the result. */

const DOING: Record<string, string> = {
  login: 'login',
  switch: 'skill switch',
  logout: 'logout',
};

export function recoveredCard(
  op: { action: string; startedBy: string; agentId: string },
  outcome: ResumeOutcome,
): Card {
  const by = userMention(op.startedBy);
  const what = DOING[op.action] ?? op.action;
  const who = outcome.agent ? `*${esc(displayName(outcome.agent))}*` : `\`${op.agentId}\``;
  let line: string;
  switch (outcome.kind) {
    case 'verified':
      line = `:white_check_mark: ${who}: logged in to *${esc(outcome.state.skillName)}* as *${esc(outcome.state.activityName)}* (${what} started by ${by}) — confirmed after the app restarted.`;
      break;
    case 'logged_out':
      line = `:white_check_mark: ${who}: logged out${outcome.skillName ? ` of *${esc(outcome.skillName)}*` : ''} (started by ${by}) — confirmed after the app restarted.`;
      break;
    case 'failed':
      line = `:x: ${who}: the ${what}${outcome.skillName ? ` to *${esc(outcome.skillName)}*` : ''} started by ${by} could not be confirmed. ${esc(outcome.explanation)}`;
      break;
  }
  return {
    text: line.replace(/^:\w+: /, ''),
    blocks: [section(line), context(`Check with \`/agentstate ${op.agentId}\` · \`${op.agentId}\``)],
  };
}
