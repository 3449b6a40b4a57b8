import type { BulkResult } from '../../agentstate/floor/bulk';
import type { BulkFix, Floor, FloorAgent, FloorGroup, FloorSummary } from '../../agentstate/floor/model';
import { formatDuration, slackDate } from '../blocks/format';
import {
  actions,
  type Block,
  button,
  type Card,
  confirmDialog,
  context,
  esc,
  header,
  section,
} from '../blocks/kit';
import { encode } from '../payloads';
import { SESSION_ACTION } from './values';

/**
 * The floor card: a whole team at a glance within Slack's limits (50 blocks, 3,000 characters a section).
 * Problem groups list their people, longest first; working and available agents are counts with a few
 * names. "Show all" lists everyone, still within the limits (long groups are cut, saying how many more).
 */

const PROBLEM = new Set(['unavailable', 'no_state', 'logged_out']);
/** Names shown per group: problems get more room than people at work. */
const SHOWN = { problem: 15, other: 5, all: 60 };
const FLOOR_BLOCK = 'agentstate_floor';

function who(a: FloorAgent, now: Date): string {
  const since = a.since ? ` ${formatDuration(now.getTime() - a.since.getTime())}` : '';
  return `${esc(a.name)}${since}`;
}

function groupBlock(g: FloorGroup, now: Date, showAll: boolean): Block {
  const limit = showAll ? SHOWN.all : PROBLEM.has(g.key) ? SHOWN.problem : SHOWN.other;
  const shown = g.agents.slice(0, limit).map((a) => who(a, now));
  const more = g.agents.length - shown.length;
  const tail = more > 0 ? ` _and ${more} more_` : '';
  return section(`*${esc(g.title)}* (${g.agents.length})\n${shown.join(' · ')}${tail}`);
}

function fixVerb(fix: BulkFix): string {
  const n = fix.agents.length;
  const agents = `${n} agent${n === 1 ? '' : 's'}`;
  if (fix.id === 'make_available') return `Make ${agents} available`;
  if (fix.id === 'log_in_logged_out') return `Log in ${agents}`;
  return `Ask ${agents} to log in`;
}

function fixButtons(floor: Floor): Block[] {
  const scope = floor.scope.id;
  const buttons = floor.fixes.flatMap((fix) => [
    button({
      text: fixVerb(fix),
      actionId: SESSION_ACTION.floorFix,
      style: 'primary',
      value: encode({ t: scope, f: fix.id }),
      confirm: confirmDialog(
        `${fixVerb(fix)}?`.slice(0, 100),
        `${esc(fix.label)} in *${esc(floor.scope.name)}*. Each agent is checked again first, changed one by one, verified and audited.`,
        fixVerb(fix).slice(0, 30),
        'primary',
      ),
    }),
    button({
      text: `What would change (${fix.agents.length})`,
      actionId: SESSION_ACTION.floorFix,
      value: encode({ t: scope, f: fix.id, d: true }),
    }),
  ]);
  return [
    actions(
      FLOOR_BLOCK,
      ...buttons.slice(0, 20),
      button({ text: 'Refresh', actionId: SESSION_ACTION.floorRefresh, value: encode({ t: scope }) }),
      button({
        text: 'Show all',
        actionId: SESSION_ACTION.floorRefresh,
        value: encode({ t: scope, all: true }),
      }),
    ),
  ];
}

export function floorCard(floor: Floor, opts: { showAll?: boolean } = {}): Card {
  const now = floor.readAt;
  const c = floor.counts;
  const counts = `*${c.unavailable}* unavailable · *${c.no_state}* no state · *${c.logged_out}* logged out · *${c.working}* working · *${c.available}* available`;
  const groups = floor.groups.map((g) => groupBlock(g, now, Boolean(opts.showAll)));
  return {
    text: `${esc(floor.scope.name)}: ${c.available} available, ${c.unavailable + c.no_state + c.logged_out} not taking contacts`,
    blocks: [
      header(`Floor: ${floor.scope.name} (${floor.total} agents)`),
      section(counts),
      ...groups.slice(0, 40),
      ...fixButtons(floor),
      context(`Read from CXone at ${slackDate(now)} · longest in each state first`),
    ],
  };
}

export function floorSummaryCard(s: FloorSummary): Card {
  const lines = s.rows.map(
    (r) =>
      `*${esc(r.scope.name)}* — ${r.total} agents: ${r.counts.available} available, ${r.counts.working} working, ${r.counts.unavailable + r.counts.no_state} unavailable or no state, ${r.counts.logged_out} logged out`,
  );
  const rows = s.rows
    .slice(0, 40)
    .map((r) =>
      section(
        lines[s.rows.indexOf(r)] as string,
        button({ text: 'Open', actionId: SESSION_ACTION.floorRefresh, value: encode({ t: r.scope.id }) }),
      ),
    );
  return {
    text: `${s.rows.length} teams`,
    blocks: [header('Floor: every team'), ...rows, context(`Read from CXone at ${slackDate(s.readAt)}`)],
  };
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

/** The end of a bulk fix: counts, then who failed or was skipped and why, then who was verified. */
export function bulkResultCard(scope: string, fix: BulkFix, results: BulkResult[], by: string): Card {
  const good = results.filter((r) => ['verified', 'already', 'asked'].includes(r.outcome));
  const bad = results.filter((r) => !good.includes(r));
  const line = (r: BulkResult) =>
    `${esc(r.agent.name)} — ${RESULT_WORDS[r.outcome]}${r.detail ? `: ${esc(r.detail.slice(0, 140))}` : ''}`;
  const blocks: Block[] = [
    section(
      `${bad.length === 0 ? ':white_check_mark:' : ':warning:'} *${esc(fix.label)}* in *${esc(scope)}* by <@${by}>: ${good.length} of ${results.length} done.`,
    ),
  ];
  for (let i = 0; i < bad.length && blocks.length < 20; i += 15)
    blocks.push(
      section(
        bad
          .slice(i, i + 15)
          .map(line)
          .join('\n'),
      ),
    );
  if (good.length)
    blocks.push(context(`Done: ${good.map((r) => esc(r.agent.name)).join(', ')}`.slice(0, 1900)));
  return { text: `${fix.label}: ${good.length} of ${results.length} done`, blocks };
}

export function bulkProgressCard(fixLabel: string, done: number, total: number, failed: number): Card {
  const text = `${fixLabel}: ${done} of ${total} done${failed ? `, ${failed} failed` : ''}…`;
  return { text: esc(text), blocks: [section(`:hourglass_flowing_sand: ${esc(text)}`)] };
}

export function dryRunCard(scope: string, fix: BulkFix): Card {
  const names = fix.agents.map((a) => esc(a.name));
  return {
    text: `Would change ${names.length} agents`,
    blocks: [
      section(`*What would change in ${esc(scope)}:* ${esc(fix.label)}\n${names.join(' · ').slice(0, 2800)}`),
      context('Nothing was sent.'),
    ],
  };
}
