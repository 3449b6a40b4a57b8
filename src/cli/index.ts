import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from './commands/audit';
import { registerChangeCommands } from './commands/change';
import { registerDoctorCommand } from './commands/doctor';
import { registerFloorCommand } from './commands/floor';
import { type Runner, registerReadCommands } from './commands/read';
import { registerServerCommands } from './commands/server';
import { registerSessionCommands } from './commands/sessions';
import type { CliContext, CliServices } from './context';
import { reportFailure } from './errors';
import { CliExit, ExitCode, safeIo } from './io';

export type { CliContext, CliServices } from './context';
export type { CliIo } from './io';

/**
 * Runs one CLI invocation and returns its exit code: 0 success, 1 operation failed, 2 bad usage or input.
 * `argv` excludes the node binary and script (e.g. `['status', 'maria']`).
 */
export async function runCli(argv: string[], given: CliContext): Promise<number> {
  // Everything printed passes one filter: CXone's names and messages reach the terminal without escape
  // sequences or control characters (see `terminalSafe`).
  const ctx: CliContext = { ...given, io: safeIo(given.io) };
  let exitCode: number = ExitCode.ok;
  let services: CliServices | undefined;

  const run: Runner = async (opts, body) => {
    try {
      services ??= await ctx.services();
      exitCode = await body(services);
    } catch (err) {
      exitCode = reportFailure(ctx.io, err, Boolean(opts.json));
    }
  };

  const program = new Command('agentstate')
    .description('See and fix NICE CXone agent states')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
  registerReadCommands(program, ctx, run);
  registerChangeCommands(program, ctx, run);
  registerSessionCommands(program, ctx, run);
  registerFloorCommand(program, ctx, run);
  registerAuditCommand(program, ctx, run);
  registerDoctorCommand(program, ctx, (code) => {
    exitCode = code;
  });
  registerServerCommands(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed the message; help and version are successes, the rest is bad usage.
      const benign = ['commander.helpDisplayed', 'commander.version'];
      exitCode = benign.includes(err.code) ? ExitCode.ok : ExitCode.usage;
      // A script asking for JSON still gets its one document on stdout.
      if (exitCode === ExitCode.usage && argv.includes('--json')) {
        const message = err.message.replace(/^error: /, '');
        reportFailure(ctx.io, new CliExit(ExitCode.usage, message, { errorCode: 'usage' }), true);
      }
    } else {
      exitCode = reportFailure(ctx.io, err, argv.includes('--json'));
    }
  } finally {
    await services?.close();
  }
  return exitCode;
}
