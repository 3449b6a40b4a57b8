import type { Agent } from '../../agentstate/model';
import type { Subscription } from '../../store/port';
import type { CurrentState } from '../current-states';
import { agentName, slackDate } from './format';
import { type Block, type Card, capBlocks, context, esc, header, section } from './kit';

/** Replies and channel posts of `/agentstate watch`, `unwatch` and `watching`. */

const channelRef = (id: string) => `<#${id}>`;

/** Posted in the watched channel before anything is stored: proves the app can post there. */
export function watchConfirmationCard(agent: Agent, by: string): Card {
  const text = `Watching *${agentName(agent)}* here — requested by <@${by}>; I'll post when they drop out of every skill.`;
  return { text, blocks: [section(`:eyes: ${text}`), context(`\`${agent.id}\``)] };
}

/** Replaces the confirmation when storing the subscription failed after all. */
export function watchWithdrawnCard(agent: Agent): Card {
  const text = `Not watching *${agentName(agent)}* after all: the app could not save it. Try again later.`;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/**
 * The stop hint is a command to copy: a channel mention inside code stays raw text in Slack, so it names
 * the channel only when it is not the one the command was typed in (then it must be picked with #).
 */
export function watchStartedCard(agent: Agent, channel: string, typedIn?: string): Card {
  const stop =
    channel === typedIn
      ? `\`/agentstate unwatch ${esc(agent.email)}\``
      : `\`/agentstate unwatch ${esc(agent.email)} #channel\` (pick ${channelRef(channel)})`;
  const text = `Now watching ${agentName(agent)} in ${channelRef(channel)}. Stop with ${stop}.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function alreadyWatchingCard(agent: Agent, channel: string, sub: Subscription): Card {
  const text = `${channelRef(channel)} already watches ${agentName(agent)} (since ${slackDate(sub.createdAt)}, by <@${sub.createdBy}>). Nothing changed.`;
  return { text, blocks: [section(`:information_source: ${text}`)] };
}

/**
 * Slack refused the confirmation, so nothing is stored. The hint depends on why: the usual case is a
 * private channel the app was never invited to (public ones work through chat:write.public).
 */
export function cannotPostCard(channel: string, code: string): Card {
  const where = channelRef(channel);
  const hint =
    {
      not_in_channel: `Invite @agentstate to ${where} first (\`/invite @agentstate\` in that channel), then run the command again.`,
      channel_not_found: `Invite @agentstate to ${where} first (\`/invite @agentstate\` in that channel), then run the command again. If it is a direct message, watch from a channel instead.`,
      is_archived: `${where} is archived. Pick another channel.`,
    }[code] ??
    (code.startsWith('restricted_action')
      ? `Posting in ${where} is restricted for apps (channel or workspace settings). Ask an admin, or pick another channel.`
      : `Slack did not accept the message. Try again in a moment.`);
  const text = `Could not post in ${where} (\`${esc(code)}\`), so nothing is watched. ${hint}`;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

export function unwatchedNoteCard(name: string, by: string): Card {
  const text = `Stopped watching *${esc(name)}* here — requested by <@${by}>.`;
  return { text, blocks: [section(text)] };
}

export function unwatchedCard(name: string, channel: string): Card {
  const text = `${channelRef(channel)} no longer watches ${esc(name)}.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function notWatchedCard(name: string, channel: string): Card {
  const text = `${channelRef(channel)} does not watch ${esc(name)}. Nothing changed. See \`/agentstate watching\`.`;
  return { text, blocks: [section(`:information_source: ${text}`)] };
}

/** One line per agent with its current state, as read from CXone now. */
export function stateLine(name: string, state: CurrentState | undefined): string {
  const who = `*${esc(name)}*`;
  if (!state) return `• ${who} — _not checked (list too long)_`;
  switch (state.kind) {
    case 'in': {
      const [first, ...more] = state.states;
      const also = more.length ? ` (+${more.length} more)` : '';
      return `• ${who} — in *${esc(first!.skillName)}*${also} as *${esc(first!.activityName)}* since ${slackDate(first!.since)}`;
    }
    case 'none':
      return `• ${who} — :red_circle: not logged in to any skill`;
    case 'unknown':
      return `• ${who} — _state unavailable: ${esc(state.reason)}_`;
  }
}

/** Lines grouped into sections of at most `per` lines (a section holds 3,000 characters). */
export function lineSections(lines: string[], per = 15): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += per) blocks.push(section(lines.slice(i, i + per).join('\n')));
  return blocks;
}

export function watchingCard(
  channel: string,
  subs: Subscription[],
  states: ReadonlyMap<string, CurrentState>,
  checkedAt: Date,
): Card {
  if (subs.length === 0) {
    const text = `${channelRef(channel)} watches no agents. Start with \`/agentstate watch <agent>\`.`;
    return { text, blocks: [section(text)] };
  }
  const lines = subs.map((s) => stateLine(s.agentName, states.get(s.agentId)));
  return {
    text: `${channelRef(channel)} watches ${subs.length} agent${subs.length === 1 ? '' : 's'}`,
    blocks: capBlocks([
      header(`Watched here (${subs.length})`),
      ...lineSections(lines),
      context(`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  };
}
