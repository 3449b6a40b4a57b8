import type { Agent } from '../../agentstate/model';
import type { Subscription } from '../../store/port';
import type { CurrentState } from '../current-states';
import { agentName } from './format';
import {
  type Block,
  type Card,
  capBlocks,
  card,
  context,
  header,
  join,
  type Mrkdwn,
  md,
  section,
} from './kit';
import { channelMention, slackDate, userMention } from './mrkdwn';
import { unwatchButton } from './next-buttons';

/** Replies and channel posts of `/agentstate watch`, `unwatch` and `watching`. */

const channelRef = channelMention;

/** A one-section card whose text is also the notification text. */
function line(text: Mrkdwn, emoji?: string): Card {
  return card(text, [section(emoji ? md`${emoji} ${text}` : text)]);
}

/** Posted in the watched channel before anything is stored: proves the app can post there. */
export function watchConfirmationCard(agent: Agent, by: string): Card {
  const text = md`Watching *${agentName(agent)}* here — requested by ${userMention(by)}; I'll post when they drop out of every skill.`;
  return card(text, [section(md`:eyes: ${text}`), context(md`\`${agent.id}\``)]);
}

/** Replaces the confirmation when storing the subscription failed after all. */
export function watchWithdrawnCard(agent: Agent): Card {
  return line(
    md`Not watching *${agentName(agent)}* after all: the app could not save it. Try again later.`,
    ':warning:',
  );
}

/**
 * The stop hint is a command to copy: a channel mention inside code stays raw text in Slack, so it names
 * the channel only when it is not the one the command was typed in (then it must be picked with #).
 */
export function watchStartedCard(agent: Agent, channel: string, typedIn?: string): Card {
  const stop =
    channel === typedIn
      ? md`\`/agentstate unwatch ${agent.email}\``
      : md`\`/agentstate unwatch ${agent.email} #channel\` (pick ${channelRef(channel)})`;
  return line(
    md`Now watching ${agentName(agent)} in ${channelRef(channel)}. Stop with ${stop}.`,
    ':white_check_mark:',
  );
}

export function alreadyWatchingCard(agent: Agent, channel: string, sub: Subscription): Card {
  return line(
    md`${channelRef(channel)} already watches ${agentName(agent)} (since ${slackDate(sub.createdAt)}, by ${userMention(sub.createdBy)}). Nothing changed.`,
    ':information_source:',
  );
}

/**
 * Slack refused the confirmation, so nothing is stored. The hint depends on why: the usual case is a
 * private channel the app was never invited to (public ones work through chat:write.public).
 */
export function cannotPostCard(channel: string, code: string): Card {
  const where = channelRef(channel);
  const invite = md`Invite @agentstate to ${where} first (\`/invite @agentstate\` in that channel), then run the command again.`;
  const hint =
    {
      not_in_channel: invite,
      channel_not_found: md`${invite} If it is a direct message, watch from a channel instead.`,
      is_archived: md`${where} is archived. Pick another channel.`,
    }[code] ??
    (code.startsWith('restricted_action')
      ? md`Posting in ${where} is restricted for apps (channel or workspace settings). Ask an admin, or pick another channel.`
      : md`Slack did not accept the message. Try again in a moment.`);
  return line(md`Could not post in ${where} (\`${code}\`), so nothing is watched. ${hint}`, ':warning:');
}

export function unwatchedNoteCard(name: string, by: string): Card {
  return line(md`Stopped watching *${name}* here — requested by ${userMention(by)}.`);
}

export function unwatchedCard(name: string, channel: string): Card {
  return line(md`${channelRef(channel)} no longer watches ${name}.`, ':white_check_mark:');
}

export function notWatchedCard(name: string, channel: string): Card {
  return line(
    md`${channelRef(channel)} does not watch ${name}. Nothing changed. See \`/agentstate watching\`.`,
    ':information_source:',
  );
}

/** One line per agent with its current state, as read from CXone now. */
export function stateLine(name: string, state: CurrentState | undefined): Mrkdwn {
  const who = md`*${name}*`;
  if (!state) return md`• ${who} — _not checked (list too long)_`;
  switch (state.kind) {
    case 'in': {
      const [first, ...more] = state.states;
      const also = more.length ? md` (+${more.length} more)` : md``;
      return md`• ${who} — in *${first!.skillName}*${also} as *${first!.activityName}* since ${slackDate(first!.since)}`;
    }
    case 'none':
      return md`• ${who} — :red_circle: not logged in to any skill`;
    case 'unknown':
      return md`• ${who} — _state unavailable: ${state.reason}_`;
  }
}

/** Lines grouped into sections of at most `per` lines (a section holds 3,000 characters). */
export function lineSections(lines: Mrkdwn[], per = 15): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += per) blocks.push(section(join(lines.slice(i, i + per), '\n')));
  return blocks;
}

/** A supervisor sees one row per agent with Unwatch; a section holds one button, so a long list is cut. */
const MAX_UNWATCH_ROWS = 40;

export function watchingCard(
  channel: string,
  subs: Subscription[],
  states: ReadonlyMap<string, CurrentState>,
  checkedAt: Date,
  canChange = false,
): Card {
  if (subs.length === 0) {
    return line(md`${channelRef(channel)} watches no agents. Start with \`/agentstate watch ${'<agent>'}\`.`);
  }
  const lines = subs.map((s) => stateLine(s.agentName, states.get(s.agentId)));
  const rows =
    canChange && subs.length <= MAX_UNWATCH_ROWS
      ? subs.map((s, i) => section(lines[i]!, unwatchButton(s.agentId, channel)))
      : lineSections(lines);
  return card(
    md`${channelRef(channel)} watches ${subs.length} agent${subs.length === 1 ? '' : 's'}`,
    capBlocks([
      header(`Watched here (${subs.length})`),
      ...rows,
      context(md`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  );
}
