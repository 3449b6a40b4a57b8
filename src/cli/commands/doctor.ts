import type { Command } from 'commander';
import type { DoctorCheck } from '../../agentstate/doctor';
import { ConfigError } from '../../config';
import type { CliContext } from '../context';
import { TICK } from '../format';
import { ExitCode, writeJson } from '../io';

/**
 * `agentstate doctor`: what a new user runs first against a real tenant. Configuration, then sign-in, then
 * every endpoint the app uses, each with ✓ or ✗ and what to fix; exit 0 only when every check passes.
 * Each check is printed as it finishes, so a slow tenant shows progress.
 */
export function registerDoctorCommand(
  program: Command,
  ctx: CliContext,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('doctor')
    .description('check the CXone connection step by step and say what to fix')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const checks: DoctorCheck[] = [];
      const print = (c: DoctorCheck) => {
        checks.push(c);
        if (opts.json) return;
        ctx.io.stdout.write(`${c.ok ? TICK.pass : TICK.fail} ${c.label}: ${c.detail}\n`);
        if (!c.ok && c.fix) ctx.io.stdout.write(`    Fix: ${c.fix}\n`);
      };
      let exit: ExitCode = ExitCode.ok;
      try {
        const services = await ctx.services();
        try {
          print({ label: 'Configuration', ok: true, detail: services.connectionSummary });
          await services.doctor(print);
        } finally {
          await services.close();
        }
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        print({
          label: 'Configuration',
          ok: false,
          detail: configDetail(err),
          fix: `Set ${err.problems.length === 1 ? 'it' : 'them'} (see the README, "Configuration").${err.note ? ` ${err.note}` : ''}`,
        });
        exit = ExitCode.usage;
      }
      const failed = checks.filter((c) => !c.ok).length;
      if (exit === ExitCode.ok && failed > 0) exit = ExitCode.failed;
      if (opts.json) writeJson(ctx.io, { ok: failed === 0, checks });
      else
        ctx.io.stdout.write(
          failed === 0
            ? `\nAll ${checks.length} checks passed.\n`
            : `\n${failed} of ${checks.length} checks failed.\n`,
        );
      setExitCode(exit);
    });
}

/** One problem on the check's line; several each on a line of their own under it. */
function configDetail(err: ConfigError): string {
  const lines = err.problems.map((p) => `${p.variable}: ${p.detail}`);
  return lines.length === 1 ? (lines[0] ?? '') : [`${lines.length} problems`, ...lines].join('\n    ');
}
