import type { Command } from 'commander';
import type { BulkProgress, BulkResult } from '../../agentstate/floor/bulk';
import {
  type BulkFixId,
  type Floor,
  type FloorSummary,
  UnknownScopeError,
} from '../../agentstate/floor/model';
import type { CliContext } from '../context';
import { requireSessions } from '../dialect';
import { formatDuration, formatLocalTime, TICK, table } from '../format';
import { CliExit, type CliIo, ExitCode, writeJson } from '../io';
import { progressWriter } from '../progress';
import type { Runner } from './read';

/** `--fix` words, as a supervisor types them. */
const FIX_WORDS: Record<string, BulkFixId> = {
  'make-available': 'make_available',
  'log-in': 'log_in_logged_out',
};

interface FloorOptions {
  fix?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `agentstate floor [team]`: every agent of a team at a glance, and `--fix` to bring the fixable ones back
 * in one go (`--dry-run` prints who would change and sends nothing).
 */
export function registerFloorCommand(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('floor')
    .description(
      'every agent of a team (a skill in the v2 dialect) at a glance; no name: a line per team; --fix repairs many at once',
    )
    .argument('[team]', 'team name or id (v2: skill name or id)')
    .option('--fix <fix>', `bulk fix to apply: ${Object.keys(FIX_WORDS).join(' or ')}`)
    .option('--dry-run', 'with --fix: print who would change, send nothing')
    .option('--json', 'print JSON')
    .action((team: string | undefined, opts: FloorOptions) =>
      run(opts, async (services) => {
        const fixId = opts.fix === undefined ? undefined : FIX_WORDS[opts.fix];
        if (opts.fix !== undefined && !fixId)
          throw new CliExit(ExitCode.usage, `floor: --fix is one of ${Object.keys(FIX_WORDS).join(', ')}`);
        if (fixId && !team) throw new CliExit(ExitCode.usage, 'floor: --fix needs a team');
        // The tutorial's API has skills, not teams, and no bulk fix this CLI can make there.
        const s = fixId ? requireSessions(services, 'floor --fix') : services;
        let view: Floor | FloorSummary;
        try {
          view = await (s.dialect === 'v2' ? s.service.floor(team) : s.sessions.floor(team));
        } catch (err) {
          if (err instanceof UnknownScopeError)
            throw new CliExit(ExitCode.usage, err.message, {
              errorCode: `unknown_${err.scopeKind}`,
              data: { value: err.value, choices: err.options },
            });
          throw err;
        }
        if ('kind' in view) {
          if (opts.json) writeJson(ctx.io, { ok: true, ...view });
          else ctx.io.stdout.write(`${renderSummary(view)}\n`);
          return ExitCode.ok;
        }
        if (!fixId) {
          if (opts.json) writeJson(ctx.io, { ok: true, ...view });
          else ctx.io.stdout.write(`${renderFloor(view)}\n`);
          return ExitCode.ok;
        }
        if (s.dialect !== 'incontact') return ExitCode.usage;
        const fix = view.fixes.find((f) => f.id === fixId);
        if (!fix || fix.agents.length === 0) {
          const why =
            fixId === 'log_in_logged_out' && !s.sessions.capabilities.includes('start_session')
              ? 'only the agents can start their sessions here (impersonation is off)'
              : 'no agent of this team needs it';
          if (opts.json) writeJson(ctx.io, { ok: true, changed: [], note: why });
          else ctx.io.stdout.write(`Nothing to do: ${why}. Nothing was sent.\n`);
          return ExitCode.ok;
        }
        if (opts.dryRun) {
          if (opts.json) writeJson(ctx.io, { ok: true, dryRun: true, fix });
          else
            ctx.io.stdout.write(
              `Would ${fix.label.charAt(0).toLowerCase()}${fix.label.slice(1)}:\n${fix.agents.map((a) => `  ${a.name} (${a.label}${a.reason ? `, ${a.reason}` : ''})`).join('\n')}\nNothing was sent (dry run).\n`,
            );
          return ExitCode.ok;
        }
        const { guard, audit } = await s.changes();
        const line = progressLine(ctx.io);
        const results = await s.sessions
          .fixFloor(fix, { guard, audit, actor: s.actor }, { onProgress: line.update })
          .finally(line.done);
        const ok = results.every((r) => r.outcome === 'verified' || r.outcome === 'already');
        if (opts.json) writeJson(ctx.io, { ok, fix: fix.id, results });
        else ctx.io.stdout.write(`${renderResults(results)}\n`);
        return ok ? ExitCode.ok : ExitCode.failed;
      }),
    );
}

function counts(c: Floor['counts']): string {
  return `${c.unavailable} unavailable · ${c.no_state} no state · ${c.logged_out} logged out · ${c.working} working · ${c.available} available`;
}

export function renderFloor(f: Floor): string {
  const now = f.readAt;
  const lines = [
    `${f.scope.name} — ${f.total} agents, read at ${formatLocalTime(now, now)}`,
    `  ${counts(f.counts)}`,
  ];
  for (const g of f.groups) {
    lines.push('', `${g.title} (${g.agents.length})`);
    const rows = g.agents.map((a) => [
      a.name,
      g.key === 'working' ? a.label : '',
      a.since ? `for ${formatDuration(now.getTime() - a.since.getTime())}` : '',
    ]);
    lines.push(
      ...table(['', '', ''], rows)
        .split('\n')
        .slice(2)
        .map((l) => `  ${l}`),
    );
  }
  if (f.fixes.length > 0) {
    lines.push('', 'Fixes:');
    for (const fix of f.fixes) {
      const word = Object.entries(FIX_WORDS).find(([, id]) => id === fix.id)?.[0];
      lines.push(`  ${fix.label}${word ? `  (--fix ${word})` : ' (in Slack)'}`);
    }
  }
  return lines.join('\n');
}

function renderSummary(s: FloorSummary): string {
  const rows = s.rows.map((r) => [
    r.scope.name,
    String(r.total),
    String(r.counts.unavailable),
    String(r.counts.no_state),
    String(r.counts.logged_out),
    String(r.counts.working),
    String(r.counts.available),
  ]);
  const kind = s.rows[0]?.scope.kind === 'skill' ? 'SKILL' : 'TEAM';
  return `${table([kind, 'AGENTS', 'UNAVAILABLE', 'NO STATE', 'LOGGED OUT', 'WORKING', 'AVAILABLE'], rows)}\nread at ${formatLocalTime(s.readAt, s.readAt)}`;
}

const RESULT_WORDS: Record<BulkResult['outcome'], string> = {
  verified: 'verified',
  already: 'already fine',
  asked: 'asked to log in',
  refused: 'not sent',
  not_applied: 'not applied',
  failed: 'failed',
  skipped: 'skipped',
};

function renderResults(results: BulkResult[]): string {
  const good = (r: BulkResult) => r.outcome === 'verified' || r.outcome === 'already';
  const lines = results.map(
    (r) =>
      `${good(r) ? TICK.pass : TICK.fail} ${r.agent.name}: ${RESULT_WORDS[r.outcome]}${r.verifyMs === undefined ? '' : ` in ${formatDuration(r.verifyMs)}`}${r.detail ? ` — ${r.detail}` : ''}`,
  );
  const verified = results.filter(good).length;
  return `${lines.join('\n')}\n${verified} of ${results.length} done.`;
}

function progressLine(io: CliIo) {
  const { show, done } = progressWriter(io);
  let last = '';
  return {
    update(p: BulkProgress) {
      const text = `${p.verified} of ${p.total} verified, ${p.failed} failed${p.skipped ? `, ${p.skipped} skipped` : ''}`;
      if (text === last) return;
      last = text;
      show(text);
    },
    done,
  };
}
