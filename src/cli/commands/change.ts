import type { Command } from 'commander';
import { sameId, sameName } from '../../agentstate/deps';
import { type Agent, displayName } from '../../agentstate/model';
import type { LoginOutcome, LoginTarget, ResolvedState, TargetInput } from '../../agentstate/types';
import { confirmOrExit, willAsk } from '../confirm';
import type { CliContext, V2Services } from '../context';
import { guardedChange } from '../guarded-change';
import { CliExit, ExitCode, inlineSafe, writeJson } from '../io';
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
  yes?: boolean;
  json?: boolean;
}

interface LogoutOptions {
  skill?: string;
  force?: boolean;
  yes?: boolean;
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
      'skill id or name (default: CXONE_DEFAULT_SKILL_ID, else the only active skill; with several, required)',
    )
    .option('--state <id>', 'state definition id (default: the skill\'s "Logged In" state)')
    .option('--activity <activity>', 'activity id or name (default: CXONE_DEFAULT_ACTIVITY)')
    .option('--station <id>', 'incontact: the station a new session starts at (default: the last one)')
    .option('--phone <number>', 'incontact: the phone number a new session starts at')
    .option('-y, --yes', 'v2: switch from a conflicting skill without asking')
    .option('--json', 'print JSON')
    .action((ref: string, opts: LoginOptions) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionLogin(ctx, services, ref, opts);
        if (opts.station || opts.phone)
          throw new CliExit(ExitCode.usage, 'login: --station and --phone belong to the incontact dialect');
        return v2Login(ctx, services, ref, opts);
      }),
    );

  program
    .command('logout')
    .description('log an agent out and verify (v2: of one skill or every skill; incontact: force logout)')
    .argument('<agent>', 'agent id, email, user name or name fragment')
    .option('--skill <skill>', 'skill id or name (default: every skill the agent is in)')
    .option('--force', 'incontact: log out even when the agent is on a contact (drops the contact)')
    .option('-y, --yes', 'do not ask for confirmation at a terminal')
    .option('--json', 'print JSON')
    .action((ref: string, opts: LogoutOptions) =>
      run(opts, async (services) => {
        if (services.dialect === 'incontact') return sessionLogout(ctx, services, ref, opts);
        return v2Logout(ctx, services, ref, opts);
      }),
    );
}

async function v2Login(ctx: CliContext, services: V2Services, ref: string, opts: LoginOptions) {
  const { service } = services;
  const agent = await resolveOrExit(service, ref);
  const input: TargetInput = { skill: opts.skill, stateId: opts.state, activity: opts.activity };
  // Validated before the guard: bad input changes nothing, not even the audit log.
  const target = await service.resolveTarget(agent, input);
  // Several skills and no default: the CLI does not pick one for the user (the Slack app asks in its form).
  if (target.ambiguous) throw skillRequired(agent, await service.listSkills());
  const progress = createProgressLine(ctx.io);
  let outcome = await guardedChange(services, agent, 'login', async () => {
    const result = await service
      .loginAndVerify(agent, target, { onProgress: progress.onProgress })
      .finally(progress.done);
    return { result, record: loginRecord(result) };
  });
  // The tutorial's answer to a conflicting skill: log out of it, then log in. Asked at a terminal.
  let switchedFrom: { id: string; name: string } | undefined;
  if (outcome.kind === 'conflict' && outcome.conflictingSkill) {
    const from = outcome.conflictingSkill;
    await confirmOrExit(
      ctx.io,
      inlineSafe(
        `${displayName(agent)} is logged in to ${from.name}, which conflicts with ${target.skill.name}. Switch from ${from.name} to ${target.skill.name}?`,
      ),
      opts,
    );
    switchedFrom = { id: from.id, name: from.name };
    outcome = await switchSkill(ctx, services, agent, switchedFrom, target);
  }
  const ok = outcome.kind === 'verified' || outcome.kind === 'already_logged_in';
  if (opts.json) writeJson(ctx.io, { ok, ...outcome, ...(switchedFrom ? { switchedFrom } : {}) });
  else {
    const from = switchedFrom && ok ? `${inlineSafe(`Logged out of ${switchedFrom.name}.`)}\n` : '';
    ctx.io.stdout.write(`${from}${renderLoginOutcome(outcome)}\n`);
  }
  return ok ? ExitCode.ok : ExitCode.failed;
}

function switchSkill(
  ctx: CliContext,
  services: V2Services,
  agent: Agent,
  from: { id: string; name: string },
  target: LoginTarget,
): Promise<LoginOutcome> {
  const progress = createProgressLine(ctx.io);
  return guardedChange(services, agent, 'switch', async () => {
    const result = await services.service
      .switchSkill(agent, from.id, target, { onProgress: progress.onProgress })
      .finally(progress.done);
    return { result, record: loginRecord(result, from.name) };
  });
}

/** The audit entry of a login or switch: a switch says where from, a conflict with what. */
function loginRecord(result: LoginOutcome, from?: string) {
  const verifyMs = result.kind === 'verified' || result.kind === 'not_visible' ? result.verifyMs : undefined;
  const conflict = result.kind === 'conflict' ? result.conflictingSkill?.name : undefined;
  const detail = from ? `from ${from}` : conflict ? `conflicts with ${conflict}` : undefined;
  return { outcome: result.kind, target: result.target.skill.name, verifyMs, ...(detail ? { detail } : {}) };
}

/** Exit 2 with the active skills to choose from, as lines on a terminal and as data for `--json`. */
function skillRequired(agent: Agent, skills: Array<{ id: string; name: string; isActive: boolean }>) {
  const active = skills.filter((s) => s.isActive).sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(...active.map((s) => s.name.length));
  return new CliExit(
    ExitCode.usage,
    inlineSafe(
      `login: say which skill to log ${displayName(agent)} in to with --skill; there are ${active.length} active skills and no CXONE_DEFAULT_SKILL_ID`,
    ),
    {
      errorCode: 'skill_required',
      detail: `Active skills:\n${active.map((s) => inlineSafe(`  ${s.name.padEnd(width)}  ${s.id}`)).join('\n')}`,
      data: { choices: active.map(({ id, name }) => ({ id, name })) },
    },
  );
}

async function v2Logout(ctx: CliContext, services: V2Services, ref: string, opts: LogoutOptions) {
  const { service } = services;
  const agent = await resolveOrExit(service, ref);
  if (willAsk(ctx.io, opts)) {
    // Asked only when there is something to log out of; otherwise the use case says there is nothing to do.
    const leaving = await statesToLeave(services, agent, opts.skill);
    if (leaving.length > 0) {
      const skills = [...new Set(leaving.map((s) => s.skillName))].join(', ');
      await confirmOrExit(ctx.io, inlineSafe(`Log ${displayName(agent)} out of ${skills}?`), opts);
    }
  }
  const progress = createProgressLine(ctx.io);
  const outcome = await guardedChange(services, agent, 'logout', async () => {
    const result = await service
      .logout(agent, opts.skill, { onProgress: progress.onProgress })
      .finally(progress.done);
    const verifyMs = result.kind === 'not_logged_in' ? undefined : result.verifyMs;
    const target =
      result.kind === 'not_logged_in' ? result.skillName : result.removed.map((s) => s.skillName).join(', ');
    return { result, record: { outcome: result.kind, target, verifyMs } };
  });
  const ok = outcome.kind !== 'not_confirmed';
  if (opts.json) writeJson(ctx.io, { ok, ...outcome });
  else ctx.io.stdout.write(`${renderLogoutOutcome(outcome)}\n`);
  return ok ? ExitCode.ok : ExitCode.failed;
}

/** The agent's current states a logout would remove: every one, or those of the skill asked for. */
async function statesToLeave(services: V2Services, agent: Agent, skill: string | undefined) {
  const r = await services.service.report(agent.id);
  if (r.kind !== 'report') return [] as ResolvedState[];
  if (skill === undefined) return r.states;
  return r.states.filter((s) => sameId(s.state.skillId, skill) || sameName(s.skillName, skill));
}
