import type { Command } from 'commander';
import { displayName } from '../../agentstate/model';
import {
  auditRecordOf,
  type ChangeOutcome,
  type ChangeProgress,
  InvalidReasonError,
  type StationRef,
} from '../../agentstate/sessions';
import { confirmOrExit, willAsk } from '../confirm';
import type { CliContext, SessionServices } from '../context';
import { agentResolver, requireSessions } from '../dialect';
import { formatLocalTime } from '../format';
import { guardedChange } from '../guarded-change';
import { CliExit, ExitCode, inlineSafe, writeJson } from '../io';
import { createSessionProgressLine } from '../progress';
import {
  renderChangeOutcome,
  renderHistory,
  renderReasons,
  renderSessionDiagnosis,
  renderSessionReport,
} from '../render-sessions';
import { ambiguousAgent, resolveOrExit, unknownAgent } from '../resolve';
import type { Runner } from './read';

/**
 * The session model's commands (the incontact dialect): status and diagnose as a real tenant answers them,
 * today's history, and the supervisor's changes — available, unavailable with a reason, force logout and
 * log in — each guarded, verified and audited like the v2 login.
 */

type Json = { json?: boolean };

export async function sessionStatus(ctx: CliContext, s: SessionServices, ref: string, opts: Json) {
  const r = await s.sessions.report(ref);
  if (r.kind === 'ambiguous') throw ambiguousAgent(r);
  if (r.kind === 'not_found') throw unknownAgent(r);
  if (opts.json) writeJson(ctx.io, { ok: true, ...r });
  else ctx.io.stdout.write(`${renderSessionReport(r)}\n`);
  return ExitCode.ok;
}

export async function sessionDiagnose(ctx: CliContext, s: SessionServices, ref: string, opts: Json) {
  const d = await s.sessions.diagnose(ref);
  const ok = d.verdict === 'taking_contacts' || d.verdict === 'working';
  if (opts.json) writeJson(ctx.io, { ok, ...d });
  else ctx.io.stdout.write(`${renderSessionDiagnosis(d)}\n`);
  return ok ? ExitCode.ok : ExitCode.failed;
}

export function registerSessionCommands(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('history')
    .description('what happened to an agent today, and why it has no state now')
    .argument('<agent>', 'agent id, email, user name or name')
    .option('--json', 'print JSON')
    .action((ref: string, opts: Json) =>
      run(opts, async (services) => {
        if (services.dialect === 'v2') return v2History(ctx, services, ref, opts);
        const agent = await resolveOrExit(services.sessions, ref);
        const h = await services.sessions.history(agent);
        if (opts.json) writeJson(ctx.io, { ok: true, ...h });
        else ctx.io.stdout.write(`${renderHistory(h)}\n`);
        return ExitCode.ok;
      }),
    );

  program
    .command('available')
    .description('make a logged-in agent available and verify it')
    .argument('<agent>', 'agent id, email, user name or name')
    .option('--json', 'print JSON')
    .action((ref: string, opts: Json) =>
      run(opts, async (services) => {
        const s = requireSessions(services, 'available');
        const agent = await resolveOrExit(s.sessions, ref);
        return change(ctx, s, agent, 'available', opts, (onProgress) =>
          s.sessions.makeAvailable(agent, { onProgress }),
        );
      }),
    );

  program
    .command('unavailable')
    .description("make an agent unavailable (with one of its team's reasons) and verify it")
    .argument('<agent>', 'agent id, email, user name or name')
    .option('--reason <reason>', "unavailable reason (one of the agent's team's codes)")
    .option('--json', 'print JSON')
    .action((ref: string, opts: Json & { reason?: string }) =>
      run(opts, async (services) => {
        const s = requireSessions(services, 'unavailable');
        const agent = await resolveOrExit(s.sessions, ref);
        try {
          return await change(ctx, s, agent, 'unavailable', opts, (onProgress) =>
            s.sessions.makeUnavailable(agent, opts.reason, { onProgress }),
          );
        } catch (err) {
          if (!(err instanceof InvalidReasonError)) throw err;
          throw new CliExit(ExitCode.usage, err.message, {
            errorCode: 'invalid_reason',
            detail: `Reasons:\n${renderReasons(err.options)}`,
            data: { value: err.value, choices: err.options },
          });
        }
      }),
    );
}

/** `login` in the session model: make available, starting a session as the agent when allowed. */
export async function sessionLogin(
  ctx: CliContext,
  s: SessionServices,
  ref: string,
  opts: Json & { station?: string; phone?: string; skill?: string; state?: string; activity?: string },
) {
  if (opts.skill || opts.state || opts.activity)
    throw new CliExit(
      ExitCode.usage,
      'login: --skill, --state and --activity belong to the v2 dialect; in CXone an agent takes contacts of every skill assigned, so a login makes the agent available (use --station or --phone to say where a new session starts)',
    );
  const station = stationOf(opts);
  const agent = await resolveOrExit(s.sessions, ref);
  return change(ctx, s, agent, 'login', opts, (onProgress) =>
    s.sessions.login(agent, { station, onProgress }),
  );
}

/**
 * `logout` in the session model: force logout. Asked at a terminal (`--yes` skips); an agent on a contact
 * is logged out only with `--force`, from a terminal or a script alike (the use case refuses otherwise).
 */
export async function sessionLogout(
  ctx: CliContext,
  s: SessionServices,
  ref: string,
  opts: Json & { force?: boolean; skill?: string; yes?: boolean },
) {
  if (opts.skill)
    throw new CliExit(
      ExitCode.usage,
      "logout: --skill belongs to the v2 dialect; in CXone a logout ends the agent's whole session",
    );
  const agent = await resolveOrExit(s.sessions, ref);
  if (willAsk(ctx.io, opts)) {
    // Asked only when the logout would go ahead: not for an agent already logged out, nor for one on a
    // contact without --force (refused below, with why).
    const r = await s.sessions.report(agent.id);
    const status = r.kind === 'report' ? r.status : undefined;
    if (status && status.kind !== 'logged_out' && (status.kind !== 'working' || opts.force)) {
      const drops =
        status.kind === 'working'
          ? ` They are on a contact${status.contactId ? ` (${status.contactId})` : ''}, which will be dropped.`
          : '';
      await confirmOrExit(
        ctx.io,
        inlineSafe(`Log ${displayName(agent)} out of CXone, ending their session?${drops}`),
        opts,
      );
    }
  }
  return change(ctx, s, agent, 'logout', opts, (onProgress) =>
    s.sessions.logout(agent, { force: opts.force, onProgress }),
  );
}

async function change(
  ctx: CliContext,
  s: SessionServices,
  agent: Parameters<typeof guardedChange>[1],
  action: 'login' | 'logout' | 'available' | 'unavailable',
  opts: Json,
  perform: (onProgress: (e: ChangeProgress) => void) => Promise<ChangeOutcome>,
) {
  const progress = createSessionProgressLine(ctx.io);
  const outcome = await guardedChange(s, agent, action, async () => {
    const result = await perform(progress.onProgress).finally(progress.done);
    return { result, record: auditRecordOf(result) };
  });
  const ok = outcome.kind === 'verified' || outcome.kind === 'already';
  if (opts.json) writeJson(ctx.io, { ok, ...outcome });
  else ctx.io.stdout.write(`${renderChangeOutcome(outcome)}\n`);
  // A refusal is the input's problem (nothing was sent); an unapplied change is CXone's.
  return ok ? ExitCode.ok : outcome.kind === 'refused' ? ExitCode.usage : ExitCode.failed;
}

const STATION_ID = /^\d{1,12}$/;
const PHONE = /^\+?[0-9 ()-]{3,30}$/;

function stationOf(opts: { station?: string; phone?: string }): StationRef | undefined {
  if (opts.station && opts.phone)
    throw new CliExit(ExitCode.usage, 'login: give --station or --phone, not both');
  if (opts.station !== undefined) {
    if (!STATION_ID.test(opts.station.trim()))
      throw new CliExit(
        ExitCode.usage,
        `login: --station must be a station id (a number), got "${opts.station}"`,
      );
    return { stationId: opts.station.trim() };
  }
  if (opts.phone !== undefined) {
    if (!PHONE.test(opts.phone.trim()))
      throw new CliExit(ExitCode.usage, `login: --phone must be a phone number, got "${opts.phone}"`);
    return { phone: opts.phone.trim() };
  }
  return undefined;
}

/** v2 has no state history in CXone: show what the app itself recorded, and say that is all there is. */
async function v2History(
  ctx: CliContext,
  services: Parameters<typeof agentResolver>[0],
  ref: string,
  opts: Json,
) {
  const agent = await resolveOrExit(agentResolver(services), ref);
  const { audit } = await services.changes();
  const entries = await audit.latest({ agentId: agent.id, limit: 50 });
  const note =
    'This CXone API keeps no state history; these are the changes made through agentstate (Slack and CLI).';
  if (opts.json) writeJson(ctx.io, { ok: true, agent, entries, note });
  else {
    const now = new Date();
    const rows = entries.map((e) => `  ${formatLocalTime(e.at, now)}  ${e.actor}  ${e.action}  ${e.outcome}`);
    ctx.io.stdout.write(`${note}\n${rows.length ? rows.join('\n') : '  (none recorded)'}\n`);
  }
  return ExitCode.ok;
}
