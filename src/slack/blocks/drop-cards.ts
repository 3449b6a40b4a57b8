import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import {
  actions,
  type Block,
  type ButtonElement,
  button,
  type Card,
  card,
  confirmDialog,
  context,
  EMPTY,
  header,
  join,
  type Mrkdwn,
  md,
  section,
} from './kit';
import { slackDate, userMention } from './mrkdwn';

/**
 * Channel messages of the watcher: an agent dropped out of every skill (one message, or a digest when many
 * drop at once), and the agent back (a thread reply; the parent is edited to a resolved version).
 */

export interface DropView {
  agentId: string;
  agentName: string;
  /** '' when unknown; the button then logs in to the default target. */
  lastSkillId: string;
  lastSkillName?: string;
  at: Date;
  /** Who the watch asked to mention (a user or @here), the app's own markup. */
  mention?: Mrkdwn;
}

export interface BackView {
  agentName: string;
  skillName: string;
  activityName: string;
  /** Further skills the agent is in. */
  more: number;
  at: Date;
  /** The Slack user who logged the agent back in through the app, when the audit log says so. */
  by?: string;
}

/** A digest lists at most this many agents with a button (one block each); the rest are named in one line. */
export const DIGEST_BUTTONS = 45;

const lastIn = (d: DropView): Mrkdwn =>
  d.lastSkillName ? md` (last in *${d.lastSkillName}*)` : d.lastSkillId ? md` (last skill unknown)` : EMPTY;

/** "Log back in": the status card's login button, aimed at the skill the agent was last in. */
export function logBackInButton(d: DropView): ButtonElement {
  const where = d.lastSkillName ? md` to *${d.lastSkillName}*` : EMPTY;
  return button({
    text: 'Log back in',
    actionId: ACTION.login,
    style: 'primary',
    value: encode(d.lastSkillId ? { a: d.agentId, s: d.lastSkillId } : { a: d.agentId }),
    confirm: confirmDialog(
      'Log agent back in?',
      md`Log ${d.agentName} back in${where}?`,
      'Log in',
      'primary',
    ),
  });
}

/** The mentions the watches asked for, each once, ahead of the notice's text. */
function mentionsOf(drops: DropView[]): Mrkdwn {
  const seen = new Set<string>();
  const unique = drops.flatMap((d) => {
    if (!d.mention || seen.has(d.mention.toString())) return [];
    seen.add(d.mention.toString());
    return [d.mention];
  });
  return unique.length ? md`${join(unique, ' ')} ` : EMPTY;
}

export function dropCard(d: DropView): Card {
  const line = md`*${d.agentName}* dropped out of every skill${lastIn(d)}`;
  const who = mentionsOf([d]);
  return card(md`${who}${line}`, [
    section(md`:red_circle: ${who}${line}`),
    actions(BLOCK.buttons, logBackInButton(d)),
    context(md`Dropped ${slackDate(d.at)} · \`${d.agentId}\``),
  ]);
}

/** Many drops in one channel in one cycle: one message, each agent with its button, within 50 blocks. */
export function digestCard(drops: DropView[], backNote?: Mrkdwn): Card {
  const shown = drops.slice(0, DIGEST_BUTTONS);
  const rest = drops.slice(DIGEST_BUTTONS);
  const title = `${drops.length} agent${drops.length === 1 ? '' : 's'} dropped out of every skill`;
  const blocks: Block[] = [
    header(title),
    ...shown.map((d) => section(md`:red_circle: *${d.agentName}*${lastIn(d)}`, logBackInButton(d))),
  ];
  if (rest.length) {
    const names = join(
      rest.map((d) => d.agentName),
      ', ',
    );
    blocks.push(context(md`…and ${rest.length} more: ${names}. Use \`/agentstate ${'<agent>'}\` for them.`));
  }
  blocks.push(context(backNote ?? md`Seen ${slackDate(drops[0]?.at ?? new Date())}`));
  const names = join(
    drops.map((d) => d.agentName),
    ', ',
  );
  const who = mentionsOf(drops);
  if (who !== EMPTY) blocks.splice(1, 0, section(md`${who}`));
  return card(md`${who}${title}: ${names}`, blocks);
}

function backLine(b: BackView): Mrkdwn {
  const more = b.more ? md` (+${b.more} more)` : EMPTY;
  return md`*${b.agentName}* is back in *${b.skillName}*${more} as *${b.activityName}*${byLine(b)}`;
}

const byLine = (b: BackView): Mrkdwn => (b.by ? md` — Logged back in by ${userMention(b.by)}` : EMPTY);

/** The thread reply under the drop message: one per message and cycle, naming everyone back in it. */
export function backReplyCard(backs: BackView[]): Card {
  const lines = backs.map(backLine);
  const latest = backs.reduce((a, b) => (b.at > a.at ? b : a), backs[0]!);
  return card(join(lines, '\n'), [
    section(
      join(
        lines.map((l) => md`:large_green_circle: ${l}`),
        '\n',
      ),
    ),
    context(md`Back ${slackDate(latest.at)}`),
  ]);
}

/** The parent once everyone in it is back: no button any more. */
export function resolvedDropCard(backs: BackView[]): Card {
  if (backs.length === 1) {
    const b = backs[0]!;
    const line = md`*${b.agentName}* dropped out of every skill — back in *${b.skillName}* as *${b.activityName}*${byLine(b)}`;
    return card(line, [
      section(md`:white_check_mark: ${line}`),
      context(md`Back ${slackDate(b.at)} · see thread`),
    ]);
  }
  const names = join(
    backs.map((b) => md`*${b.agentName}*`),
    ', ',
  );
  const line = md`Everyone in this alert is back in a skill: ${names}`;
  return card(line, [section(md`:white_check_mark: ${line}`), context(md`Details in the thread`)]);
}

/** A digest some of whose agents are back: the ones still out keep their buttons. */
export function partlyResolvedDigestCard(stillOut: DropView[], backs: BackView[]): Card {
  const names = join(
    backs.map((b) => b.agentName),
    ', ',
  );
  return digestCard(stillOut, md`:white_check_mark: Back: ${names} (see thread)`);
}
