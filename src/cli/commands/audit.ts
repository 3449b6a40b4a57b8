import type { Command } from 'commander';
import { outcomeWords } from '../../agentstate/outcome-words';
import type { CliContext } from '../context';
import { agentResolver } from '../dialect';
import { formatLocalTime, table } from '../format';
import { ExitCode, writeJson } from '../io';
import { resolveOrExit } from '../resolve';
import { parseLimit, type Runner } from './read';

/** `agentstate audit [agent]`: the latest changes made through the app, from the store's audit log. */
export function registerAuditCommand(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('audit')
    .description('show the latest changes made through the app (Slack and CLI)')
    .argument('[agent]', 'only this agent (id, email, user name or name fragment)')
    .option('--limit <n>', 'at most this many (1 or more)', parseLimit('--limit'), 20)
    .option('--json', 'print JSON')
    .action((ref: string | undefined, opts: { limit: number; json?: boolean }) =>
      run(opts, async (services) => {
        const agentId = ref ? (await resolveOrExit(agentResolver(services), ref)).id : undefined;
        const { audit } = await services.changes();
        const entries = await audit.latest({ ...(agentId ? { agentId } : {}), limit: opts.limit });
        if (opts.json) writeJson(ctx.io, { ok: true, entries });
        else if (entries.length === 0) ctx.io.stdout.write('No changes recorded yet.\n');
        else {
          const now = new Date();
          const rows = entries.map((e) => [
            formatLocalTime(e.at, now),
            e.actor,
            e.action,
            e.agentName ?? e.agentId,
            e.target ?? '',
            outcomeWords(e.outcome, e.detail),
            e.verifyMs === undefined ? '' : `${(e.verifyMs / 1000).toFixed(1)} s`,
          ]);
          ctx.io.stdout.write(
            `${table(['WHEN', 'WHO', 'WHAT', 'AGENT', 'TARGET', 'OUTCOME', 'VERIFY'], rows)}\n`,
          );
        }
        return ExitCode.ok;
      }),
    );
}
