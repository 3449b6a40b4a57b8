import type { BulkResult } from '../../agentstate/floor/bulk';
import type {
  BulkFix,
  Floor,
  FloorAgent,
  FloorGroup,
  FloorSummary,
  UnknownScopeError,
} from '../../agentstate/floor/model';
import { formatDuration, slackDate } from '../blocks/format';
import {
  actions,
  type Block,
  button,
  type Card,
  card,
  confirmDialog,
  context,
  header,
  join,
  type Mrkdwn,
  md,
  section,
} from '../blocks/kit';
import { userMention } from '../blocks/mrkdwn';
import { encode } from '../payloads';
import { SESSION_ACTION } from './values';

/** The buttons' action ids: each dialect's surface handles its own floor clicks. */
export interface FloorActions {
  refresh: string;
  fix: string;
}

const SESSION_FLOOR: FloorActions = { refresh: SESSION_ACTION.floorRefresh, fix: SESSION_ACTION.floorFix };

/**
 * The floor card: a whole team at a glance within Slack's limits (50 blocks, 3,000 characters a section).
 * Problem groups list their people, longest first; working and available agents are counts with a few
 * names. "Show all" lists everyone, still within the limits (long groups are cut, saying how many more).
 */

const PROBLEM = new Set(['unavailable', 'no_state', 'logged_out']);
/** Names shown per group: problems get more room than people at work. */
const SHOWN = { problem: 15, other: 5, all: 60 };
const FLOOR_BLOCK = 'agentstate_floor';

function who(a: FloorAgent, now: Date): Mrkdwn {
  const since = a.since ? ` ${formatDuration(now.getTime() - a.since.getTime())}` : '';
  return md`${a.name}${since}`;
}

function groupBlock(g: FloorGroup, now: Date, showAll: boolean): Block {
  const limit = showAll ? SHOWN.all : PROBLEM.has(g.key) ? SHOWN.problem : SHOWN.other;
  const shown = g.agents.slice(0, limit).map((a) => who(a, now));
  const more = g.agents.length - shown.length;
  const tail = more > 0 ? md` _and ${more} more_` : md``;
  return section(md`*${g.title}* (${g.agents.length})\n${join(shown, ' · ')}${tail}`);
}

function fixVerb(fix: BulkFix): string {
  const n = fix.agents.length;
  const agents = `${n} agent${n === 1 ? '' : 's'}`;
  if (fix.id === 'make_available') return `Make ${agents} available`;
  if (fix.id === 'log_in_logged_out') return `Log in ${agents}`;
  if (fix.id === 'log_back_in_watched') return `Log ${agents} back in`;
  return `Ask ${agents} to log in`;
}

function fixButtons(floor: Floor, ids: FloorActions): Block[] {
  const scope = floor.scope.id;
  const buttons = floor.fixes.flatMap((fix) => [
    button({
      text: fixVerb(fix),
      actionId: ids.fix,
      style: 'primary',
      value: encode({ t: scope, f: fix.id }),
      confirm: confirmDialog(
        `${fixVerb(fix)}?`.slice(0, 100),
        md`${fix.label} in *${floor.scope.name}*. Each agent is checked again first, then changed, verified and audited.`,
        fixVerb(fix).slice(0, 30),
        'primary',
      ),
    }),
    button({
      text: `What would change (${fix.agents.length})`,
      actionId: ids.fix,
      value: encode({ t: scope, f: fix.id, d: true }),
    }),
  ]);
  return [
    actions(
      FLOOR_BLOCK,
      ...buttons.slice(0, 20),
      button({ text: 'Refresh', actionId: ids.refresh, value: encode({ t: scope }) }),
      button({
        text: 'Show all',
        actionId: ids.refresh,
        value: encode({ t: scope, all: true }),
      }),
    ),
  ];
}

export function floorCard(floor: Floor, opts: { showAll?: boolean; actions?: FloorActions } = {}): Card {
  const now = floor.readAt;
  const c = floor.counts;
  const counts = md`*${c.unavailable}* unavailable · *${c.no_state}* no state · *${c.logged_out}* logged out · *${c.working}* working · *${c.available}* available`;
  const groups = floor.groups.map((g) => groupBlock(g, now, Boolean(opts.showAll)));
  return card(
    md`${floor.scope.name}: ${c.available} available, ${c.unavailable + c.no_state + c.logged_out} not taking contacts`,
    [
      header(`Floor: ${floor.scope.name} (${floor.total} agents)`),
      section(counts),
      ...groups.slice(0, 40),
      ...fixButtons(floor, opts.actions ?? SESSION_FLOOR),
      context(md`Read from CXone at ${slackDate(now)} · longest in each state first`),
    ],
  );
}

export function floorSummaryCard(s: FloorSummary, ids: FloorActions = SESSION_FLOOR): Card {
  const rows = s.rows.slice(0, 40).map((r) => {
    const c = r.counts;
    return section(
      md`*${r.scope.name}* — ${r.total} agents: ${c.available} available, ${c.working} working, ${c.unavailable + c.no_state} unavailable or no state, ${c.logged_out} logged out`,
      button({ text: 'Open', actionId: ids.refresh, value: encode({ t: r.scope.id }) }),
    );
  });
  return card(md`${s.rows.length} ${s.rows[0]?.scope.kind === 'skill' ? 'skills' : 'teams'}`, [
    header(s.rows[0]?.scope.kind === 'skill' ? 'Floor: every skill' : 'Floor: every team'),
    ...rows,
    context(md`Read from CXone at ${slackDate(s.readAt)}`),
  ]);
}

const RESULT_WORDS: Record<BulkResult['outcome'], string> = {
  verified: 'verified',
  already: 'already fine',
  asked: 'asked to log in',
  refused: 'nothing sent',
  not_applied: 'not applied',
  failed: 'failed',
  skipped: 'skipped',
};

/** The end of a bulk fix: counts, then who failed or was skipped and why, then who is done. */
export function bulkResultCard(scope: string, fix: BulkFix, results: BulkResult[], by: string): Card {
  const good = results.filter((r) => ['verified', 'already', 'asked'].includes(r.outcome));
  const bad = results.filter((r) => !good.includes(r));
  const line = (r: BulkResult) =>
    md`${r.agent.name} — ${RESULT_WORDS[r.outcome]}${r.detail ? md`: ${r.detail.slice(0, 140)}` : md``}`;
  const head = md`*${fix.label}* in *${scope}* by ${userMention(by)}: ${good.length} of ${results.length} done.`;
  const blocks: Block[] = [section(md`${bad.length === 0 ? md`:white_check_mark:` : md`:warning:`} ${head}`)];
  for (let i = 0; i < bad.length && blocks.length < 20; i += 15)
    blocks.push(section(join(bad.slice(i, i + 15).map(line), '\n')));
  if (good.length)
    blocks.push(
      context(
        md`Done: ${join(
          good.map((r) => r.agent.name),
          ', ',
        )}`,
      ),
    );
  return card(md`${fix.label}: ${good.length} of ${results.length} done`, blocks);
}

export function bulkProgressCard(fixLabel: string, done: number, total: number, failed: number): Card {
  const text = md`${fixLabel}: ${done} of ${total} done${failed ? `, ${failed} failed` : ''}…`;
  return card(text, [section(md`:hourglass_flowing_sand: ${text}`)]);
}

export function dryRunCard(scope: string, fix: BulkFix): Card {
  return card(md`Would change ${fix.agents.length} agents`, [
    section(
      md`*What would change in ${scope}:* ${fix.label}\n${join(
        fix.agents.map((a) => a.name),
        ' · ',
      )}`,
    ),
    context(md`Nothing was sent.`),
  ]);
}

/** A team or skill that does not exist: the valid ones, nothing else read. */
export function unknownScopeCard(err: UnknownScopeError): Card {
  const kind = err.scopeKind;
  const valid = join(
    err.options.map((o) => md`*${o}*`),
    ', ',
  );
  return card(md`No ${kind} is called ${err.value}`, [
    section(
      md`:warning: No ${kind} is called *${err.value}*. ${kind === 'team' ? 'Teams' : 'Skills'}: ${valid}`,
    ),
  ]);
}
