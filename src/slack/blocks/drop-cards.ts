import { ACTION, BLOCK } from '../ids';
import { encode } from '../payloads';
import { slackDate } from './format';
import {
  actions,
  type Block,
  type ButtonElement,
  button,
  type Card,
  confirmDialog,
  context,
  esc,
  header,
  section,
} from './kit';

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
}

export interface BackView {
  agentName: string;
  skillName: string;
  activityName: string;
  /** Further skills the agent is in. */
  more: number;
  at: Date;
}

/** A digest lists at most this many agents with a button (one block each); the rest are named in one line. */
export const DIGEST_BUTTONS = 45;

const lastIn = (d: DropView) =>
  d.lastSkillName ? ` (last in *${esc(d.lastSkillName)}*)` : d.lastSkillId ? ' (last skill unknown)' : '';

/** "Log back in": the status card's login button, aimed at the skill the agent was last in. */
export function logBackInButton(d: DropView): ButtonElement {
  const where = d.lastSkillName ? ` to *${esc(d.lastSkillName)}*` : '';
  return button({
    text: 'Log back in',
    actionId: ACTION.login,
    style: 'primary',
    value: encode(d.lastSkillId ? { a: d.agentId, s: d.lastSkillId } : { a: d.agentId }),
    confirm: confirmDialog(
      'Log agent back in?',
      `Log ${esc(d.agentName)} back in${where}?`,
      'Log in',
      'primary',
    ),
  });
}

export function dropCard(d: DropView): Card {
  const line = `*${esc(d.agentName)}* dropped out of every skill${lastIn(d)}`;
  return {
    text: line,
    blocks: [
      section(`:red_circle: ${line}`),
      actions(BLOCK.buttons, logBackInButton(d)),
      context(`Dropped ${slackDate(d.at)} · \`${d.agentId}\``),
    ],
  };
}

/** Many drops in one channel in one cycle: one message, each agent with its button, within 50 blocks. */
export function digestCard(drops: DropView[], backNote?: string): Card {
  const shown = drops.slice(0, DIGEST_BUTTONS);
  const rest = drops.slice(DIGEST_BUTTONS);
  const title = `${drops.length} agent${drops.length === 1 ? '' : 's'} dropped out of every skill`;
  const blocks: Block[] = [
    header(title),
    ...shown.map((d) => section(`:red_circle: *${esc(d.agentName)}*${lastIn(d)}`, logBackInButton(d))),
  ];
  if (rest.length) {
    const names = rest.map((d) => esc(d.agentName)).join(', ');
    blocks.push(context(`…and ${rest.length} more: ${names}. Use \`/agentstate <agent>\` for them.`));
  }
  blocks.push(context(backNote ?? `Seen ${slackDate(drops[0]?.at ?? new Date())}`));
  return { text: `${title}: ${drops.map((d) => d.agentName).join(', ')}`.slice(0, 3000), blocks };
}

function backLine(b: BackView): string {
  const more = b.more ? ` (+${b.more} more)` : '';
  return `*${esc(b.agentName)}* is back in *${esc(b.skillName)}*${more} as *${esc(b.activityName)}*`;
}

/** The thread reply under the drop message: one per message and cycle, naming everyone back in it. */
export function backReplyCard(backs: BackView[]): Card {
  const lines = backs.map(backLine);
  const latest = backs.reduce((a, b) => (b.at > a.at ? b : a), backs[0]!);
  return {
    text: lines.join('\n').slice(0, 3000),
    blocks: [
      section(
        lines
          .map((l) => `:large_green_circle: ${l}`)
          .join('\n')
          .slice(0, 3000),
      ),
      context(`Back ${slackDate(latest.at)}`),
    ],
  };
}

/** The parent once everyone in it is back: no button any more. */
export function resolvedDropCard(backs: BackView[]): Card {
  if (backs.length === 1) {
    const b = backs[0]!;
    const line = `*${esc(b.agentName)}* dropped out of every skill — back in *${esc(b.skillName)}* as *${esc(b.activityName)}*`;
    return {
      text: line,
      blocks: [section(`:white_check_mark: ${line}`), context(`Back ${slackDate(b.at)} · see thread`)],
    };
  }
  const names = backs.map((b) => `*${esc(b.agentName)}*`).join(', ');
  const line = `Everyone in this alert is back in a skill: ${names}`;
  return { text: line, blocks: [section(`:white_check_mark: ${line}`), context('Details in the thread')] };
}

/** A digest some of whose agents are back: the ones still out keep their buttons. */
export function partlyResolvedDigestCard(stillOut: DropView[], backs: BackView[]): Card {
  const names = backs.map((b) => esc(b.agentName)).join(', ');
  return digestCard(stillOut, `:white_check_mark: Back: ${names} (see thread)`);
}
