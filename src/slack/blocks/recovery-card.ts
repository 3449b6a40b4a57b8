import { displayName } from '../../agentstate/model';
import type { ResumeOutcome } from '../../agentstate/recovery';
import { type Card, card, context, EMPTY, type Mrkdwn, md, section } from './kit';
import { userMention } from './mrkdwn';

/** What replaces (or follows) a progress message whose process died before it could show the result. */

const DOING: Record<string, string> = {
  login: 'login',
  switch: 'skill switch',
  logout: 'logout',
  available: 'change to available',
  unavailable: 'change to unavailable',
  ask: 'request to log in',
};

export function recoveredCard(
  op: { action: string; startedBy: string; agentId: string },
  outcome: ResumeOutcome,
): Card {
  const by = userMention(op.startedBy);
  const what = DOING[op.action] ?? op.action;
  const who = outcome.agent ? md`*${displayName(outcome.agent)}*` : md`\`${op.agentId}\``;
  let line: Mrkdwn;
  let emoji = ':white_check_mark:';
  switch (outcome.kind) {
    case 'verified':
      line = md`${who}: logged in to *${outcome.state.skillName}* as *${outcome.state.activityName}* (${what} started by ${by}) — confirmed after the app restarted.`;
      break;
    case 'confirmed':
      line = md`${who}: ${outcome.description} (${what} started by ${by}) — confirmed after the app restarted.`;
      break;
    case 'logged_out':
      line = md`${who}: logged out${outcome.skillName ? md` of *${outcome.skillName}*` : EMPTY} (started by ${by}) — confirmed after the app restarted.`;
      break;
    case 'failed':
      emoji = ':x:';
      line = md`${who}: the ${what}${outcome.skillName ? md` to *${outcome.skillName}*` : EMPTY} started by ${by} could not be confirmed. ${outcome.explanation}`;
      break;
  }
  return card(line, [
    section(md`${emoji} ${line}`),
    context(md`Check with \`/agentstate ${op.agentId}\` · \`${op.agentId}\``),
  ]);
}
