import { NOT_A_CHANGE } from '../agentstate/guarded-change';
import { AgentInactiveError } from '../agentstate/login-and-verify';
import type { Agent } from '../agentstate/model';
import { displayName } from '../agentstate/model';
import type { OperationDetails } from '../agentstate/operation-guard';
import type { ResolutionOf } from '../agentstate/resolve-agent';
import { InvalidTargetError, type LoginProgress } from '../agentstate/types';
import { CxoneError, InvalidInputError } from '../cxone/errors';
import type { Logger } from '../logger';
import type { MessageRef } from './actions/button';
import type { AuditEntry } from './audit';
import {
  busyCard,
  type Card,
  errorCard,
  membershipUnknownCard,
  notFoundCard,
  refusalCard,
  storeDownCard,
} from './blocks';
import type { BaseSlackDeps } from './deps';
import { createProgressReporter, type ProgressEvent } from './progress-reporter';
import type { Responder } from './responder';
import { storeReason } from './store-health';

/**
 * The one path every state change from Slack takes (button, modal, confirm step, retry, switch):
 * authorise the clicker, take the per-agent operation guard (double clicks, two supervisors, re-delivered
 * payloads: the second one is told who is already at it and nothing is posted), replace the message with
 * progress, run the use case, replace it with the result, and audit. The rules themselves live in the
 * agentstate use cases.
 */

export interface ChangeSummary {
  outcome: string;
  skill?: string;
  /** A switch: the skill the agent left. */
  from?: string;
  verifyMs?: number;
  detail?: string;
  requestId?: string;
}

export interface ChangeSpec<R, A extends Agent = Agent, E extends ProgressEvent = LoginProgress> {
  action: Extract<AuditEntry['action'], 'login' | 'logout' | 'switch' | 'available' | 'unavailable'>;
  agentId: string;
  userId: string;
  respond: Responder;
  /** Recorded with the operation (target as requested, message being updated) for crash recovery. */
  operation?: OperationDetails;
  /** The clicked message; one with a ts is seen by the whole channel and is never replaced. */
  message?: MessageRef;
  /** Finds the agent the click names (each dialect has its own directory). */
  resolve(agentId: string): Promise<ResolutionOf<A>>;
  /** `signal` aborts when this process must not finish the change (it is stopping, or was taken over). */
  execute(agent: A, opts: { onProgress: (event: E) => void; signal?: AbortSignal }): Promise<R>;
  /** The message while the change runs: before the first event, then after each one shown. */
  renderProgress(agent: A, event?: E): Card;
  render(result: R): Card;
  summarise(result: R): ChangeSummary;
  /** A dialect's own card for a failure it knows (e.g. a reason not in the agent's team); else errorCard. */
  renderError?(err: unknown, agent: A): Card | undefined;
}

export async function runChange<R, A extends Agent, E extends ProgressEvent>(
  deps: BaseSlackDeps,
  spec: ChangeSpec<R, A, E>,
): Promise<void> {
  const log = deps.logger.child({ slackUserId: spec.userId, agentId: spec.agentId, action: spec.action });
  const auth = await deps.supervisors.authorise(spec.userId);
  if (auth !== 'allowed') {
    log.info({ auth }, 'state change refused');
    await spec.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
    return;
  }
  const op = await begin(deps, spec, log);
  if (!op) return;
  if (!op.ok) {
    log.info({ startedBy: op.startedBy }, 'state change already in progress');
    await spec.respond(busyCard('this agent', op.startedBy, op.action));
    return;
  }
  let outcome: string | undefined | typeof LEFT_TO_RECOVERY;
  try {
    outcome = await underGuard(deps, spec, log, op.signal);
  } finally {
    if (outcome === LEFT_TO_RECOVERY) {
      await op.abandon?.().catch((err) => log.warn({ err }, 'could not hand the operation to recovery'));
    } else {
      // The result is already with the supervisor; a store that fails now only leaves the operation for
      // recovery to report (see recovery.ts), so it is logged rather than thrown at Bolt.
      await op.end(outcome ?? 'no_change').catch((err) => {
        deps.health.failed(err);
        log.error({ err }, 'could not record the end of the operation');
      });
    }
  }
}

/**
 * The change was stopped before its result was reported (the app is stopping, or another process took the
 * operation over): nothing is shown or audited here, and recovery reports it — exactly one result.
 */
const LEFT_TO_RECOVERY = Symbol('left to recovery');

/**
 * Takes the per-agent guard. A durable guard that cannot reach its database refuses the change: without
 * it the "one operation per agent" rule and crash recovery would silently not hold.
 */
async function begin<R, A extends Agent, E extends ProgressEvent>(
  deps: BaseSlackDeps,
  spec: ChangeSpec<R, A, E>,
  log: Logger,
) {
  try {
    return await deps.health.run(() =>
      deps.guard.begin(spec.agentId, spec.action, spec.userId, spec.operation),
    );
  } catch (err) {
    log.error({ err }, 'state change refused: the operation could not be recorded');
    await spec.respond(storeDownCard(storeReason(err), 'change'));
    return undefined;
  }
}

/** Returns the outcome recorded with the operation, or undefined when nothing was attempted. */
async function underGuard<R, A extends Agent, E extends ProgressEvent>(
  deps: BaseSlackDeps,
  spec: ChangeSpec<R, A, E>,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<string | undefined | typeof LEFT_TO_RECOVERY> {
  const agent = await findAgent(spec, log);
  if (!agent) return undefined;

  const reporter = createProgressReporter<E>({
    respond: spec.respond,
    // Replies beside a channel message are new ephemeral messages that cannot be updated: no live updates,
    // just "working on it" and the result.
    ...(spec.message?.ts ? { maxUpdates: 0 } : {}),
    render: (event?: E) => spec.renderProgress(agent, event),
    now: deps.now,
    logger: log,
  });
  await reporter.start();

  let card: Card;
  let summary: ChangeSummary | undefined;
  try {
    const result = await spec.execute(agent, {
      onProgress: (e) => reporter.onProgress(e),
      ...(signal ? { signal } : {}),
    });
    card = spec.render(result);
    summary = spec.summarise(result);
  } catch (err) {
    log.warn({ err }, 'state change failed');
    card = spec.renderError?.(err, agent) ?? errorCard(err);
    // A target rejected before any request is not a change; everything else may have touched CXone.
    const nothingSent =
      err instanceof InvalidTargetError ||
      err instanceof InvalidInputError ||
      err instanceof AgentInactiveError;
    if (!nothingSent) summary = failureSummary(err);
  }

  // Checked once, here: past this point the result is being reported and the process waits for it.
  if (signal?.aborted) {
    log.info({ reason: String(signal.reason) }, 'state change stopped before its result; left to recovery');
    return LEFT_TO_RECOVERY;
  }
  if (summary) deps.metrics.recordChange(spec.action, summary.outcome, summary.verifyMs);
  // Nothing changed when the agent already was where we wanted it (e.g. a re-delivered click): no audit line.
  if (summary && !NOT_A_CHANGE.has(summary.outcome)) {
    await deps.audit.record({
      at: new Date(deps.now()),
      actor: spec.userId,
      action: spec.action,
      agent: { id: agent.id, name: displayName(agent) },
      ...summary,
    });
  }
  await deliver(deps, spec, card, reporter.finish, log);
  return summary?.outcome;
}

async function findAgent<R, A extends Agent, E extends ProgressEvent>(
  spec: ChangeSpec<R, A, E>,
  log: Logger,
): Promise<A | undefined> {
  try {
    const resolution = await spec.resolve(spec.agentId);
    if (resolution.kind === 'found') return resolution.agent;
    await spec.respond(notFoundCard(spec.agentId), { replace: true });
  } catch (err) {
    log.warn({ err }, 'could not resolve the agent of a state change');
    await spec.respond(errorCard(err), { replace: true });
  }
  return undefined;
}

function failureSummary(err: unknown): ChangeSummary {
  if (!(err instanceof CxoneError)) return { outcome: 'error', detail: message(err) };
  return { outcome: err.code, detail: err.message, ...(err.requestId ? { requestId: err.requestId } : {}) };
}

/** The result must never vanish: if the response_url refuses it (expired, used up), send it as a DM. */
async function deliver<R, A extends Agent, E extends ProgressEvent>(
  deps: BaseSlackDeps,
  spec: ChangeSpec<R, A, E>,
  card: Card,
  finish: (card: Card) => Promise<void>,
  log: Logger,
): Promise<void> {
  try {
    await finish(card);
  } catch (err) {
    log.warn({ err }, 'response_url refused the result; sending it as a direct message');
    await deps.client.chat.postMessage({ channel: spec.userId, text: card.text, blocks: card.blocks });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
