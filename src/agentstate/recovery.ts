import { z } from 'zod';
import { isCxoneError } from '../cxone/errors';
import type { Operation, OperationStore } from '../store/port';
import { WindowClosedError, withinWindow } from './deadline';
import { sameId, sameName } from './deps';
import { type Agent, displayName, idSchema } from './model';
import { defaultOrphanAfterMs } from './operation-guard';
import { READ_GRACE_MS } from './poll-states';
import type { Clock } from './ports';
import type { AgentStateService, ResolvedState } from './types';
import { mapBounded } from './watch/concurrency';

/**
 * Finishing a state change whose process died while verifying it (crash, SIGKILL, a deploy). The operation
 * stays unfinished in the store and keeps the agent held; a replica claims it once it is stale, re-reads the
 * agent's states and decides what happened:
 *
 *  - the change is visible (login/switch: the target skill is there; logout: it is gone) → done;
 *  - not yet, and the verify window (started + VERIFY_TIMEOUT_MS) is still open → keep reading until it
 *    closes, as the original process would have;
 *  - still not visible when the window has closed → failed, with the explanation.
 *
 * Either way the operation is completed, so nothing stays "in progress" forever; the surface that started
 * it reports the outcome (see slack/recovery.ts).
 */

/**
 * When another replica's unfinished operation counts as abandoned: its claim has not been refreshed for
 * this long. A running operation refreshes it every few seconds (see `HEARTBEAT_INTERVAL_MS`), so this only
 * has to outlast what can delay heartbeats between hosts — clock skew, a database briefly unreachable — and
 * an older process that does not beat at all yet might legitimately run two verify windows (a login POST
 * whose fate was unknown is verified, re-posted once and verified again) plus request timeouts.
 */
export function defaultStaleAfterMs(verifyTimeoutMs: number): number {
  return 2 * verifyTimeoutMs + 30_000;
}

export interface RecoveryDeps {
  service?: Pick<AgentStateService, 'resolveAgent' | 'report' | 'resolveTarget'>;
  /** The session model's own resumption (a real tenant's API); `service` is then not used. */
  resume?: (op: Operation) => Promise<ResumeOutcome>;
  clock: Clock;
  verifyTimeoutMs: number;
  /** Between re-reads while the verify window is open. */
  pollIntervalMs?: number;
}

export type ResumeOutcome =
  | { kind: 'verified'; agent: Agent; state: ResolvedState }
  /** The session model: the change shows; `description` says what the agent is now ("now Available"). */
  | { kind: 'confirmed'; agent: Agent; description: string }
  | { kind: 'logged_out'; agent: Agent; skillName?: string }
  | { kind: 'failed'; agentId: string; agent?: Agent; skillName?: string; explanation: string };

/** The stored target, as recorded by the surface at begin (a TargetInput, plus `from` for a switch). */
const storedTargetSchema = z.object({
  skill: z.string().optional(),
  from: z.string().optional(),
});

interface Expectation {
  skillName?: string;
  /** Returns the outcome when the states show the change. */
  met(states: ResolvedState[]): ResumeOutcome | undefined;
  /** Why it failed, when the window closed without `met`. */
  missing: string;
}

export async function resumeOperation(deps: RecoveryDeps, op: Operation): Promise<ResumeOutcome> {
  if (deps.resume) return deps.resume(op);
  if (!deps.service) throw new Error('recovery needs the use cases of one CXone dialect');
  const service = deps.service;
  const resolution = await service.resolveAgent(op.agentId);
  if (resolution.kind !== 'found') {
    return failed(
      op,
      undefined,
      undefined,
      'CXone no longer knows this agent, so the change cannot be confirmed.',
    );
  }
  const agent = resolution.agent;
  const want = await expectation({ ...deps, service }, op, agent);
  if (!want) {
    return failed(
      op,
      agent,
      undefined,
      `The app does not know how to confirm a "${op.action}" after a restart.`,
    );
  }
  const deadline = op.startedAt.getTime() + deps.verifyTimeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      // Like the original verification, each read ends with the window (plus one read's grace).
      const budget = Math.max(deadline - deps.clock.now(), READ_GRACE_MS);
      const done = want.met(await withinWindow(budget, undefined, () => readStates(service, agent)));
      if (done) return done;
      lastError = undefined;
    } catch (err) {
      if (!isCxoneError(err) && !(err instanceof WindowClosedError)) throw err;
      lastError = err;
    }
    const left = deadline - deps.clock.now();
    if (left <= 0) break;
    await deps.clock.sleep(Math.min(left, deps.pollIntervalMs ?? 1000));
  }
  const why = lastError
    ? `Could not re-read the agent's states from CXone: ${message(lastError)}`
    : want.missing;
  return failed(op, agent, want.skillName, `The app restarted while confirming this change. ${why}`);
}

async function readStates(
  service: NonNullable<RecoveryDeps['service']>,
  agent: Agent,
): Promise<ResolvedState[]> {
  const report = await service.report(agent.id);
  return report.kind === 'report' ? report.states : [];
}

type V2RecoveryDeps = RecoveryDeps & { service: NonNullable<RecoveryDeps['service']> };

async function expectation(
  deps: V2RecoveryDeps,
  op: Operation,
  agent: Agent,
): Promise<Expectation | undefined> {
  const parsed = storedTargetSchema.safeParse(op.target ?? {});
  const target = parsed.success ? parsed.data : {};
  const name = displayName(agent);
  if (op.action === 'login' || op.action === 'switch') {
    const skill = await skillOf(deps, agent, target.skill);
    const label = skill.name ?? 'the target skill';
    return {
      ...(skill.name ? { skillName: skill.name } : {}),
      met: (states) => {
        const state = states.find((s) => matches(s, skill));
        return state ? { kind: 'verified', agent, state } : undefined;
      },
      missing: `${name} is still not logged in to ${label}: CXone did not show the login within the verify window, so it most likely did not land.`,
    };
  }
  if (op.action === 'logout') {
    const skill = target.skill ? await skillOf(deps, agent, target.skill) : {};
    const label = skill.name ?? (target.skill ? 'that skill' : 'every skill');
    return {
      ...(skill.name ? { skillName: skill.name } : {}),
      met: (states) =>
        states.some((s) => matches(s, skill))
          ? undefined
          : { kind: 'logged_out', agent, ...(skill.name ? { skillName: skill.name } : {}) },
      missing: `${name} is still logged in to ${label}: the logout did not show within the verify window.`,
    };
  }
  return undefined;
}

interface SkillRef {
  id?: string;
  name?: string;
}

/**
 * The skill the operation aimed at, by id and name. Without a recorded skill a login went to the default
 * target. When the catalog cannot be read, what was recorded is used as is; with nothing at all, any skill
 * counts (a login is then "visible" as soon as the agent is in some skill).
 */
async function skillOf(deps: V2RecoveryDeps, agent: Agent, recorded: string | undefined): Promise<SkillRef> {
  try {
    const { skill } = await deps.service.resolveTarget(agent, recorded ? { skill: recorded } : {});
    return { id: skill.id, name: skill.name };
  } catch {
    if (!recorded) return {};
    return idSchema.safeParse(recorded).success ? { id: recorded } : { name: recorded };
  }
}

function matches(state: ResolvedState, skill: SkillRef): boolean {
  if (skill.id) return sameId(state.state.skillId, skill.id);
  if (skill.name) return sameName(state.skillName, skill.name);
  return true;
}

function failed(op: Operation, agent: Agent | undefined, skillName: string | undefined, explanation: string) {
  return {
    kind: 'failed' as const,
    agentId: op.agentId,
    explanation,
    ...(agent ? { agent } : {}),
    ...(skillName ? { skillName } : {}),
  };
}

/** The outcome recorded with the operation and in the audit log. */
export function outcomeCode(outcome: ResumeOutcome): string {
  return outcome.kind;
}

export interface ClaimOptions {
  operations: Pick<OperationStore, 'claimStale'> & Partial<Pick<OperationStore, 'claimOrphaned'>>;
  /** This process (`store/owner.ts`); it becomes responsible for what it claims. */
  owner: string;
  staleAfterMs: number;
  /**
   * How long the claim of an operation left by a previous process of this replica (same host and port)
   * must have lapsed before it is taken back. Default `defaultOrphanAfterMs()`.
   */
  orphanAfterMs?: number;
}

/**
 * Claims what this process should finish: what this replica's previous process left (once its heartbeat
 * has lapsed), and stale operations of anyone else. Never a live operation, its own or another's: those
 * keep their claims fresh.
 */
export async function claimAbandoned(opts: ClaimOptions): Promise<Operation[]> {
  const orphanAfterMs = opts.orphanAfterMs ?? defaultOrphanAfterMs();
  const orphans = opts.operations.claimOrphaned
    ? await opts.operations.claimOrphaned(opts.owner, orphanAfterMs)
    : [];
  const stale = await opts.operations.claimStale(opts.staleAfterMs, opts.owner);
  const seen = new Set(orphans.map((o) => o.id));
  return [...orphans, ...stale.filter((o) => !seen.has(o.id))];
}

export interface FinishOptions {
  operations: Pick<OperationStore, 'complete'>;
  deps: RecoveryDeps;
  /** Reports one finished operation (message, audit). Called only by the replica whose `complete` won. */
  onFinished(op: Operation, outcome: ResumeOutcome): Promise<void>;
  concurrency?: number;
}

export interface RecoveredOperation {
  operation: Operation;
  outcome: ResumeOutcome;
  /** False when the original owner finished it first (it was slow, not dead): nothing is reported then. */
  completed: boolean;
}

/**
 * Resumes each claimed operation, completes it, reports it. Completing before reporting makes the report
 * exactly-once: the store keeps the first outcome, and only that finisher reports.
 */
export async function finishOperations(
  claimed: Operation[],
  opts: FinishOptions,
): Promise<RecoveredOperation[]> {
  return mapBounded(claimed, opts.concurrency ?? 4, async (operation) => {
    const outcome = await resumeOperation(opts.deps, operation).catch(
      (err): ResumeOutcome =>
        failed(operation, undefined, undefined, `The app restarted and could not re-check: ${message(err)}`),
    );
    const completed = await opts.operations.complete(operation.id, outcomeCode(outcome));
    // A report that fails (Slack down) must not stop the other operations; the caller's onFinished logs.
    if (completed) await opts.onFinished(operation, outcome).catch(() => undefined);
    return { operation, outcome, completed };
  });
}

export type RecoverStaleOptions = ClaimOptions &
  FinishOptions & { operations: ClaimOptions['operations'] & FinishOptions['operations'] };

/** One sweep: claim, then finish. */
export async function recoverStaleOperations(opts: RecoverStaleOptions): Promise<RecoveredOperation[]> {
  return finishOperations(await claimAbandoned(opts), opts);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
