import type { Command } from 'commander';
import type { TargetInput } from '../../agentstate/types';
import type { CliContext } from '../context';
import { guardedChange } from '../guarded-change';
import { ExitCode, writeJson } from '../io';
import { createProgressLine } from '../progress';
import { renderLoginOutcome, renderLogoutOutcome } from '../render';
import { resolveOrExit } from '../resolve';
import type { Runner } from './read';

/** Commands that change agent state: login (verified) and logout (verified). */
export function registerChangeCommands(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('login')
    .description('log an agent in and verify the state appears')
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option(
      '--skill <skill>',
      'skill id or name (default: CXONE_DEFAULT_SKILL_ID, else the only/first active skill)',
    )
    .option('--state <id>', 'state definition id (default: the skill\'s "Logged In" state)')
    .option('--activity <activity>', 'activity id or name (default: CXONE_DEFAULT_ACTIVITY)')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { skill?: string; state?: string; activity?: string; json?: boolean }) =>
      run(opts, async (services) => {
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
    .description('log an agent out (of one skill, or of every skill) and verify')
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option('--skill <skill>', 'skill id or name (default: every skill the agent is in)')
    .option('--json', 'print JSON')
    .action((ref: string, opts: { skill?: string; json?: boolean }) =>
      run(opts, async (services) => {
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
