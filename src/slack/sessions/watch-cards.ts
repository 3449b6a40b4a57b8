import { displayName } from '../../agentstate/model';
import type { AgentStatus, SessionAgent } from '../../agentstate/sessions';
import type { Subscription } from '../../store/port';
import {
  type Block,
  type Card,
  capBlocks,
  card,
  context,
  header,
  type Mrkdwn,
  md,
  section,
} from '../blocks/kit';
import { channelMention, slackDate, userMention } from '../blocks/mrkdwn';
import { lineSections } from '../blocks/watch-cards';
import { stateWords } from './cards';

/** Replies and channel posts of `/agentstate watch`, `unwatch` and `watching` on a real tenant. */

/**
 * Why nothing can be reported yet: a drop is a session ending, so an agent with no session (or one who
 * cannot have one) has nothing to drop until that changes.
 */
export function watchNote(agent: SessionAgent, status: AgentStatus): Mrkdwn | undefined {
  const name = displayName(agent);
  if (!agent.isActive)
    return md`${name} is deactivated in CXone: nothing can be reported until they are reactivated.`;
  if (status.kind === 'logged_out')
    return md`${name} is logged out now: nothing can be reported until they log in.`;
  return undefined;
}

function withNote(text: Mrkdwn, emoji: Mrkdwn, note: Mrkdwn | undefined): Card {
  const blocks: Block[] = [section(md`${emoji} ${text}`)];
  if (note) blocks.push(context(md`:information_source: ${note}`));
  return card(note ? md`${text} ${note}` : text, blocks);
}

/** Posted in the watched channel before anything is stored: proves the app can post there. */
export function sessionWatchConfirmationCard(agent: SessionAgent, status: AgentStatus, by: string): Card {
  return withNote(
    md`Watching *${displayName(agent)}* here — requested by ${userMention(by)}; I'll post when they log out of CXone.`,
    md`:eyes:`,
    watchNote(agent, status),
  );
}

/** The supervisor's answer once the subscription is stored. */
export function sessionWatchStartedCard(
  agent: SessionAgent,
  status: AgentStatus,
  channel: string,
  typedIn?: string,
): Card {
  const stop =
    channel === typedIn
      ? md`\`/agentstate unwatch ${agent.email}\``
      : md`\`/agentstate unwatch ${agent.email} #channel\` (pick ${channelMention(channel)})`;
  return withNote(
    md`Now watching ${displayName(agent)} in ${channelMention(channel)} (now *${stateWords(status)}*). Stop with ${stop}.`,
    md`:white_check_mark:`,
    watchNote(agent, status),
  );
}

/** What one watched agent looks like now, as read from CXone. */
export type WatchedState =
  | { kind: 'read'; agent: SessionAgent; status: AgentStatus }
  | { kind: 'unknown'; reason: string };

export function sessionStateLine(name: string, state: WatchedState | undefined): Mrkdwn {
  const who = md`*${name}*`;
  if (!state) return md`• ${who} — _not checked (list too long)_`;
  if (state.kind === 'unknown') return md`• ${who} — _state unavailable: ${state.reason}_`;
  if (!state.agent.isActive) return md`• ${who} — :no_entry: deactivated in CXone`;
  const mark = state.status.kind === 'logged_out' ? md`:red_circle: ` : md``;
  return md`• ${who} — ${mark}*${stateWords(state.status)}* since ${slackDate(state.status.since)}`;
}

/** `/agentstate watching`: the channel's watched agents, each with its state now. */
export function sessionWatchingCard(
  channel: string,
  subs: Subscription[],
  states: ReadonlyMap<string, WatchedState>,
  checkedAt: Date,
): Card {
  if (subs.length === 0) {
    const text = md`${channelMention(channel)} watches no agents. Start with \`/agentstate watch ${'<agent>'}\`.`;
    return card(text, [section(text)]);
  }
  const lines = subs.map((s) => sessionStateLine(s.agentName, states.get(s.agentId)));
  return card(
    md`${channelMention(channel)} watches ${subs.length} agent${subs.length === 1 ? '' : 's'}`,
    capBlocks([
      header(`Watched here (${subs.length})`),
      ...lineSections(lines),
      context(
        md`A notice is posted here when one of them logs out of CXone · checked ${slackDate(checkedAt)}`,
      ),
    ]),
  );
}
