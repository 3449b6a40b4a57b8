import type { Command } from 'commander';
import type { TargetInput } from '../../agentstate/types';
import type { CliContext } from '../context';
import { guardedChange } from '../guarded-change';
import { CliExit, ExitCode, writeJson } from '../io';
import { createProgressLine } from '../progress';
import { renderLoginOutcome, renderLogoutOutcome } from '../render';
import { resolveOrExit } from '../resolve';
import type { Runner } from './read';
import { sessionLogin, sessionLogout } from './sessions';

interface LoginOptions {
  skill?: string;
  state?: string;
  activity?: string;
  station?: string;
  phone?: string;
  json?: boolean;
}

/** Commands that change agent state: login (verified) and logout (verified). */
export function registerChangeCommands(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('login')
    .description(
      'log an agent in and verify it (incontact: make available, starting a session as the agent when allowed)',
    )
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option(
      '--skill <skill>',
      'skill id or name (default: CXONE_DEFAULT_SKILL_ID, else the only/first active skill)',
    )
    .option('--state <id>', 'state definition id (default: the skill\'s "Logged In" state)')
    .option('--activity <activity>', 'activity id or name (default: CXONE_DEFAULT_ACTIVITY)')
    .option('--station <id>', 'incontact: the station a new session starts at (default: the last one)')
    .option('--phone <number>', 'incontact: the phone number a new session starts at')
    .option('--json', 'print JSON')
    .action((ref: string, opts: LoginOptions) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionLogin(ctx, services, ref, opts);
        if (opts.station || opts.phone)
          throw new CliExit(ExitCode.usage, 'login: --station and --phone belong to the incontact dialect');
        const { service } = services;
        const agent = await resolveOrExit(service, ref);
        const input: TargetInput = { skill: opts.skill, stateId: opts.state, activity: opts.activity };
        // Validated before the guard: bad input changes nothing, not even the audit log.
        const target = await service.resolveTarget(agent, input);
        const progress = createProgressLine(ctx.io);
        const outcome = await guardedChange(services, agent, 'login', async () => {
          const result = await service
            .loginAndVerify(agent, target, { onProgress: progress.onProgress })
            .finally(progress.done);
          const verifyMs =
            result.kind === 'verified' || result.kind === 'not_visible' ? result.verifyMs : undefined;
          return { result, record: { outcome: result.kind, target: result.target.skill.name, verifyMs } };
        });
        const ok = outcome.kind === 'verified' || outcome.kind === 'already_logged_in';
        if (opts.json) writeJson(ctx.io, { ok, ...outcome });
        else ctx.io.stdout.write(`${renderLoginOutcome(outcome)}\n`);
        return ok ? ExitCode.ok : ExitCode.failed;
      }),
    );

  program
    .command('logout')
    .description('log an agent out and verify (v2: of one skill or every skill; incontact: force logout)')
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option('--skill <skill>', 'skill id or name (default: every skill the agent is in)')
    .option('--force', 'incontact: log out even when the agent is on a contact (drops the contact)')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { skill?: string; force?: boolean; json?: boolean }) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionLogout(ctx, services, ref, opts);
        const { service } = services;
        const agent = await resolveOrExit(service, ref);
        const progress = createProgressLine(ctx.io);
        const outcome = await guardedChange(services, agent, 'logout', async () => {
          const result = await service
            .logout(agent, opts.skill, { onProgress: progress.onProgress })
            .finally(progress.done);
          const verifyMs = result.kind === 'not_logged_in' ? undefined : result.verifyMs;
          const target =
            result.kind === 'not_logged_in'
              ? result.skillName
              : result.removed.map((s) => s.skillName).join(', ');
          return { result, record: { outcome: result.kind, target, verifyMs } };
        });
        const ok = outcome.kind !== 'not_confirmed';
        if (opts.json) writeJson(ctx.io, { ok, ...outcome });
        else ctx.io.stdout.write(`${renderLogoutOutcome(outcome)}\n`);
        return ok ? ExitCode.ok : ExitCode.failed;
      }),
    );
}
