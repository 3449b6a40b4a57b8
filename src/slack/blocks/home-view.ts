import type { types } from '@slack/bolt';
import type { AuditEntry, Subscription } from '../../store/port';
import type { CurrentState } from '../current-states';
import { auditSections } from './audit-card';
import { type Block, context, divider, header, md, section } from './kit';
import { channelMention, slackDate } from './mrkdwn';
import { unwatchButton } from './next-buttons';
import { usageCard } from './usage-card';
import { lineSections, stateLine } from './watch-cards';

/** The App Home tab: what the user watches (with current states), the latest changes, and usage. */

/** `hidden`: the app has no database, so the part does not exist; `supervisors_only`: not for this user. */
export type HomeSection<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'hidden' }
  | { kind: 'supervisors_only' };

export interface HomeInput {
  watched: HomeSection<{ subs: Subscription[]; states: ReadonlyMap<string, CurrentState> }>;
  audit: HomeSection<AuditEntry[]>;
  now: Date;
  /** The user may change states and watches: each watched agent gets Unwatch. */
  canChange?: boolean;
  /** How to use the app with the connected CXone dialect; the tutorial dialect's usage by default. */
  usage?: Block[];
}

/** A home view holds 100 blocks; the usage card and headers take about a dozen. */
const MAX_WATCH_LINES = 40;
/** With a button, each agent is its own block: fewer fit beside the audit part and usage. */
const MAX_UNWATCH_ROWS = 30;

export function homeView(input: HomeInput): types.HomeView {
  const parts = [watchedBlocks(input), auditBlocks(input.audit)].filter((p) => p.length > 0);
  return {
    type: 'home',
    blocks: [
      header('agentstate'),
      ...parts.flatMap((p) => [...p, divider()]),
      ...(input.usage ?? usageCard().blocks),
    ],
  };
}

function unavailable(what: string, reason: string): Block {
  return context(md`:warning: ${what} can't be shown: ${reason}`);
}

function watchedBlocks({ watched, now, canChange }: HomeInput): Block[] {
  const title = section(md`*Agents you watch*`);
  if (watched.kind === 'hidden' || watched.kind === 'supervisors_only') return [];
  if (watched.kind === 'unavailable') return [title, unavailable('Your watched agents', watched.reason)];
  const { subs, states } = watched.value;
  if (subs.length === 0) {
    return [
      title,
      context(
        md`None yet. In a channel, \`/agentstate watch ${'<agent>'}\` posts there when the agent drops out.`,
      ),
    ];
  }
  const shown = subs.slice(0, canChange ? MAX_UNWATCH_ROWS : MAX_WATCH_LINES);
  const line = (s: Subscription) =>
    md`${stateLine(s.agentName, states.get(s.agentId))} in ${channelMention(s.channelId)}`;
  // A supervisor gets one row per agent with its Unwatch button (a section holds one accessory).
  const rows = canChange
    ? shown.map((s) => section(line(s), unwatchButton(s.agentId, s.channelId)))
    : lineSections(shown.map(line));
  const more = subs.length > shown.length ? [context(md`…and ${subs.length - shown.length} more.`)] : [];
  return [title, ...rows, ...more, context(md`Source: CXone · checked ${slackDate(now)}`)];
}

function auditBlocks(audit: HomeInput['audit']): Block[] {
  const title = section(md`*Latest changes made through the app*`);
  switch (audit.kind) {
    case 'hidden':
      return [];
    case 'supervisors_only':
      return [title, context(md`The audit log is shown to supervisors.`)];
    case 'unavailable':
      return [title, unavailable('The audit log', audit.reason)];
    case 'ok':
      return audit.value.length
        ? [title, ...auditSections(audit.value)]
        : [title, context(md`No changes yet.`)];
  }
}
