import type { Agent } from '../../agentstate/model';
import { ACTION } from '../ids';
import { encode, type PickCommand } from '../payloads';
import { agentName } from './format';
import { button, type Card, card, context, EMPTY, join, md, section } from './kit';
import { userMention } from './mrkdwn';

/** Cards for an agent reference that did not lead to exactly one agent. */

const MAX_CANDIDATES = 10;

/** What a candidate's button says it will do, for the command that was typed. */
const PICK_VERBS: Record<PickCommand, string> = {
  diagnose: 'Diagnose',
  history: 'History',
  login: 'Log in',
  logout: 'Log out',
  watch: 'Watch',
};

/** The typed command a pick continues: its subcommand and its argument (skill, or channel id). */
export interface PickNext {
  c: PickCommand;
  x?: string;
}

/**
 * Several agents match: one row per candidate with a button that shows that agent's card, or — with
 * `next` — continues the command that was typed for that agent.
 */
export function ambiguousCard(
  query: string,
  candidates: Agent[],
  total: number,
  diagnose = false,
  /** What a candidate's button does; each dialect has its own "show this agent". */
  pickAction: string = ACTION.pickAgent,
  next?: PickNext,
): Card {
  const verb = next ? PICK_VERBS[next.c] : diagnose ? 'Diagnose' : 'Show';
  const carry = next ? { c: next.c, ...(next.x ? { x: next.x } : {}) } : diagnose ? { d: true } : {};
  const shown = candidates.slice(0, MAX_CANDIDATES);
  const more = total > shown.length ? md` (showing ${shown.length})` : EMPTY;
  return card(md`"${query}" matches ${total} agents`, [
    section(md`*\`${query}\` matches ${total} agents${more}.* Pick one:`),
    ...shown.map((agent) =>
      section(
        md`${agentName(agent)}${agent.isActive ? '' : ' _(inactive)_'}\n${agent.email} · \`${agent.id}\``,
        button({ text: verb, actionId: pickAction, value: encode({ a: agent.id, ...carry }) }),
      ),
    ),
    context(md`Tip: an email, user name or agent id always matches exactly one agent.`),
  ]);
}

export interface NotFoundContext {
  /** A subcommand the single word was close to, e.g. "skills" for "skils". */
  hint?: string;
  /** When the reference came from a Slack mention: who, and the email it was resolved to. */
  mention?: { userId: string; email: string };
}

export function notFoundCard(query: string, ctx: NotFoundContext = {}): Card {
  const who = ctx.mention
    ? md`No CXone agent has the email of ${userMention(ctx.mention.userId)} (${ctx.mention.email}).`
    : md`No CXone agent matches \`${query}\`.`;
  const lines = [md`*${who}*`, md`Try an agent id, an email, a user name or part of the name.`];
  if (ctx.hint) lines.push(md`Did you mean \`/agentstate ${ctx.hint}\`?`);
  if (ctx.mention) lines.push(md`Check that the Slack profile email and the CXone agent email are the same.`);
  return card(who, [section(join(lines, '\n'))]);
}

export type MentionProblem = 'no_email' | 'bot' | 'not_found' | 'lookup_failed';

/** Why a `<@U…>` mention could not be turned into an email. */
export function mentionProblemCard(userId: string, problem: MentionProblem): Card {
  const who = userMention(userId);
  const text = {
    no_email: md`${who} has no email visible to this app. Either the app lacks the \`users:read.email\` scope (reinstall it from the manifest) or the member has no email (some guests).`,
    bot: md`${who} is a bot or app, not a person, so it has no CXone agent.`,
    not_found: md`Slack does not know ${who} (deleted member, or another workspace).`,
    lookup_failed: md`Could not look up ${who} in Slack right now. Try again, or use the agent's email instead.`,
  }[problem];
  return card(text, [section(text)]);
}
