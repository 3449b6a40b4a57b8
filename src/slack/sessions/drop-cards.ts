import type { Capability } from '../../agentstate/sessions';
import { stateKindOf } from '../../agentstate/sessions/model';
import type { SeenSession } from '../../agentstate/watch';
import { DIGEST_BUTTONS } from '../blocks/drop-cards';
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
} from '../blocks/kit';
import { slackDate } from '../blocks/mrkdwn';
import { encode } from '../payloads';
import { SESSION_BLOCK, stateWords } from './cards';
import { SESSION_ACTION } from './values';

/**
 * Channel messages of the watcher on a real tenant: an agent logged out of CXone (one message, or a digest
 * when several do in one cycle), with what a supervisor can do about it — log the agent in when the app may
 * start sessions as agents, ask the agent otherwise — and the agent back (a thread reply; the parent is
 * edited to a resolved version without buttons). Names only: ids travel in button values.
 */

export interface SessionDropView {
  agentId: string;
  agentName: string;
  /** When the drop was seen. */
  at: Date;
  /** When CXone says the session ended, when known. */
  loggedOutAt?: Date;
  /** The state the agent left, when known. */
  previous?: SeenSession;
}

export interface SessionBackView {
  agentName: string;
  state: SeenSession;
  at: Date;
}

/** "Available", "Unavailable — Lunch", "Working — on an inbound contact (Sales)", as on the status card. */
export function seenWords(s: SeenSession): string {
  return stateWords({
    agentId: '',
    state: s.state,
    kind: stateKindOf(s.state),
    since: new Date(s.since),
    ...(s.reason ? { reason: { name: s.reason } } : {}),
    ...(s.skill ? { skill: { id: '', name: s.skill } } : {}),
  });
}

const was = (d: SessionDropView): Mrkdwn => (d.previous ? md` (was *${seenWords(d.previous)}*)` : EMPTY);

/**
 * The one thing to do for a logged-out agent, as the status card offers it: "Log in" when the app may start
 * a session as the agent (impersonation), "Ask <name> to log in" otherwise. The click reads the agent's state
 * again and goes through the same change flow as the status card's button.
 */
export function dropButton(d: SessionDropView, capabilities: readonly Capability[]): ButtonElement {
  const value = encode({ a: d.agentId });
  if (capabilities.includes('start_session'))
    return button({
      text: 'Log in',
      actionId: SESSION_ACTION.login,
      value,
      style: 'primary',
      confirm: confirmDialog(
        `Log ${d.agentName} in?`.slice(0, 100),
        md`This starts a CXone session as ${d.agentName} at the station they used last, then makes them available.`,
        'Log in',
        'primary',
      ),
    });
  return button({
    text: `Ask ${d.agentName} to log in`,
    actionId: SESSION_ACTION.ask,
    value,
    style: 'primary',
  });
}

export function sessionDropCard(d: SessionDropView, capabilities: readonly Capability[]): Card {
  const line = md`*${d.agentName}* logged out of CXone${was(d)}`;
  return card(line, [
    section(md`:red_circle: ${line}`),
    actions(SESSION_BLOCK.buttons, dropButton(d, capabilities)),
    context(md`Logged out ${slackDate(d.loggedOutAt ?? d.at)} · takes no contacts until they log in again`),
  ]);
}

/** Several agents logged out in one channel in one cycle: one message, each with its button, within 50 blocks. */
export function sessionDigestCard(
  drops: SessionDropView[],
  capabilities: readonly Capability[],
  backNote?: Mrkdwn,
): Card {
  const shown = drops.slice(0, DIGEST_BUTTONS);
  const rest = drops.slice(DIGEST_BUTTONS);
  const title = `${drops.length} agent${drops.length === 1 ? '' : 's'} logged out of CXone`;
  const blocks: Block[] = [
    header(title),
    ...shown.map((d) => section(md`:red_circle: *${d.agentName}*${was(d)}`, dropButton(d, capabilities))),
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
  return card(md`${title}: ${names}`, blocks);
}

const backLine = (b: SessionBackView): Mrkdwn =>
  md`*${b.agentName}* is back in CXone — *${seenWords(b.state)}*`;

/** The thread reply under the drop message: one per message and cycle, naming everyone back in it. */
export function sessionBackReplyCard(backs: SessionBackView[]): Card {
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
export function sessionResolvedDropCard(backs: SessionBackView[]): Card {
  if (backs.length === 1) {
    const b = backs[0]!;
    const line = md`*${b.agentName}* logged out of CXone — back, *${seenWords(b.state)}*`;
    return card(line, [
      section(md`:white_check_mark: ${line}`),
      context(md`Back ${slackDate(b.at)} · see thread`),
    ]);
  }
  const names = join(
    backs.map((b) => md`*${b.agentName}*`),
    ', ',
  );
  const line = md`Everyone in this alert is back in CXone: ${names}`;
  return card(line, [section(md`:white_check_mark: ${line}`), context(md`Details in the thread`)]);
}

/** A digest some of whose agents are back: the ones still out keep their buttons. */
export function sessionPartlyResolvedCard(
  stillOut: SessionDropView[],
  backs: SessionBackView[],
  capabilities: readonly Capability[],
): Card {
  const names = join(
    backs.map((b) => b.agentName),
    ', ',
  );
  return sessionDigestCard(stillOut, capabilities, md`:white_check_mark: Back: ${names} (see thread)`);
}
