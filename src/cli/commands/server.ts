import type { Command } from 'commander';
import { DEFAULTS } from '../../simulator/types';
import type { CliContext, DevCommandOptions, SimulatorCommandOptions } from '../context';
import { CliExit, ExitCode } from '../io';
import { parsePositiveInt } from './read';

/** Long-running commands: the Slack app, the CXone simulator and the local Slack sandbox. */
export function registerServerCommands(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the Slack app (HTTP mode on PORT, or Socket Mode when SLACK_APP_TOKEN is set)')
    .action(() => ctx.serve());

  program
    .command('simulator')
    .description('run the built-in CXone simulator (no credentials needed)')
    .option('--port <n>', 'port to listen on', parsePositiveInt, 4010)
    .option('--agents <n>', 'number of seeded agents', parsePositiveInt, 60)
    .option(
      '--propagation-delay <ms>',
      'how long a login takes to appear in GET states (longer delays show why the app polls)',
      parsePositiveInt,
      DEFAULTS.propagationDelayMs,
    )
    .option('--latency <ms>', 'latency added to every request', parsePositiveInt, 0)
    .option('--token-ttl <seconds>', 'access token lifetime', parsePositiveInt, 3600)
    .option(
      '--dialect <dialect>',
      "the API to speak: v2 (the tutorial's /api/v2) or incontact (NICE CXone's inContactAPI)",
      parseSimulatorDialect,
      'v2',
    )
    .action(
      (opts: {
        port: number;
        agents: number;
        propagationDelay: number;
        latency: number;
        tokenTtl: number;
        dialect: SimulatorCommandOptions['dialect'];
      }) =>
        ctx.simulator({
          dialect: opts.dialect,
          port: opts.port,
          agents: opts.agents,
          propagationDelayMs: opts.propagationDelay,
          latencyMs: opts.latency,
          tokenTtlSeconds: opts.tokenTtl,
        }),
    );

  program
    .command('dev')
    .description(
      'run the local Slack sandbox: the app, the CXone simulator and a page that stands in for Slack',
    )
    .option('--port <n>', 'port of the sandbox page', parsePositiveInt, 3030)
    .option(
      '--dialect <dialect>',
      "the CXone API: v2 (the tutorial's) or incontact (a real tenant's: sessions, reasons, asking agents to log in)",
      parseSimulatorDialect,
      'v2',
    )
    .option(
      '--impersonation',
      'incontact: let the app start sessions as agents (else it asks a logged-out agent to log in by DM)',
      false,
    )
    .action((opts: { port: number; dialect: DevCommandOptions['dialect']; impersonation: boolean }) => {
      if (opts.impersonation && opts.dialect !== 'incontact')
        throw new CliExit(ExitCode.usage, '--impersonation needs --dialect incontact');
      return ctx.dev({ port: opts.port, dialect: opts.dialect, impersonation: opts.impersonation });
    });
}

/** `--dialect`: exit 2 with the allowed values rather than starting a simulator nobody asked for. */
export function parseSimulatorDialect(value: string): SimulatorCommandOptions['dialect'] {
  if (value === 'v2' || value === 'incontact') return value;
  throw new CliExit(ExitCode.usage, `--dialect must be v2 or incontact, got "${value}"`);
}
