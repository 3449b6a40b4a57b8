import type { types } from '@slack/bolt';
import type { AuditEntry, Subscription } from '../../store/port';
import type { CurrentState } from '../current-states';
import { auditSections } from './audit-card';
import { type Block, context, divider, header, md, section } from './kit';
import { channelMention, slackDate } from './mrkdwn';
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
  /** How to use the app with the connected CXone dialect; the tutorial dialect's usage by default. */
  usage?: Block[];
}

/** A home view holds 100 blocks; the usage card and headers take about a dozen. */
const MAX_WATCH_LINES = 40;

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

function watchedBlocks({ watched, now }: HomeInput): Block[] {
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
  const lines = subs
    .slice(0, MAX_WATCH_LINES)
    .map((s) => md`${stateLine(s.agentName, states.get(s.agentId))} in ${channelMention(s.channelId)}`);
  const more =
    subs.length > MAX_WATCH_LINES ? [context(md`…and ${subs.length - MAX_WATCH_LINES} more.`)] : [];
  return [title, ...lineSections(lines), ...more, context(md`Source: CXone · checked ${slackDate(now)}`)];
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
