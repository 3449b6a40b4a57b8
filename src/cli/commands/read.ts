import type { Command } from 'commander';
import { displayName } from '../../agentstate/model';
import type { CliContext } from '../context';
import { agentResolver } from '../dialect';
import { table } from '../format';
import { CliExit, ExitCode, inlineSafe, writeJson } from '../io';
import { renderDiagnosis, renderReport } from '../render';
import { ambiguousAgent, unknownAgent } from '../resolve';
import { sessionDiagnose, sessionStatus } from './sessions';

/** Read-only commands: status, diagnose, skills, agents. They change nothing in CXone. */
export function registerReadCommands(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('status')
    .description("show an agent's current states (and why the list is empty)")
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { json?: boolean }) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionStatus(ctx, services, ref, opts);
        const r = await services.service.report(ref);
        if (r.kind === 'ambiguous') throw ambiguousAgent(r);
        if (r.kind === 'not_found') throw unknownAgent(r);
        if (opts.json) writeJson(ctx.io, { ok: true, ...r });
        else ctx.io.stdout.write(`${renderReport(r)}\n`);
        return ExitCode.ok;
      }),
    );

  program
    .command('diagnose')
    .description("run the checks that explain an agent's empty state list (exit 1 when a problem is found)")
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { json?: boolean }) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionDiagnose(ctx, services, ref, opts);
        const d = await services.service.diagnose(ref);
        if (opts.json) writeJson(ctx.io, { ok: d.verdict === 'logged_in', ...d });
        else ctx.io.stdout.write(`${renderDiagnosis(d)}\n`);
        return d.verdict === 'logged_in' ? ExitCode.ok : ExitCode.failed;
      }),
    );

  program
    .command('skills')
    .description('list skills with their ids')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      run(opts, async (services) => {
        const skills =
          services.dialect === 'v2'
            ? await services.service.listSkills()
            : await services.sessions.listSkills();
        if (opts.json) writeJson(ctx.io, { ok: true, skills });
        else {
          const rows = skills.map((s) => [s.id, s.name, s.isActive ? 'active' : 'inactive']);
          ctx.io.stdout.write(`${table(['ID', 'NAME', 'STATUS'], rows)}\n`);
        }
        return ExitCode.ok;
      }),
    );

  program
    .command('agents')
    .description('list agents, optionally filtered')
    .option('--search <query>', 'match id, email, user name or name')
    .option('--limit <n>', 'at most this many (1 or more)', parseLimit('--limit'), 50)
    .option('--json', 'print JSON')
    .action((opts: { search?: string; limit: number; json?: boolean }) =>
      run(opts, async (services) => {
        const { agents, total } = await agentResolver(services).searchAgents(opts.search, opts.limit);
        if (opts.json) writeJson(ctx.io, { ok: true, total, agents });
        else if (agents.length === 0)
          ctx.io.stdout.write(
            opts.search === undefined ? 'No agents.\n' : `No agents match "${inlineSafe(opts.search)}".\n`,
          );
        else {
          const rows = agents.map((a) => [a.id, displayName(a), a.email, a.isActive ? 'active' : 'inactive']);
          const more =
            total > agents.length ? `\n(${agents.length} of ${total}; use --search or --limit)` : '';
          ctx.io.stdout.write(`${table(['ID', 'NAME', 'EMAIL', 'STATUS'], rows)}${more}\n`);
        }
        return ExitCode.ok;
      }),
    );
}

export type Runner = (
  opts: { json?: boolean },
  body: (services: Awaited<ReturnType<CliContext['services']>>) => Promise<ExitCode>,
) => Promise<void>;

/** A count the user gives (`--limit`): a whole number of at least 1, refused naming the option. */
export function parseLimit(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 1)
      throw new CliExit(ExitCode.usage, `${option} must be a whole number of at least 1, got "${value}"`);
    return n;
  };
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CliExit(ExitCode.usage, `expected a whole number, got "${value}"`);
  return n;
}
