import type { Agent } from '../agentstate/model';
import { displayName } from '../agentstate/model';
import { InvalidTargetError, type OperationOptions } from '../agentstate/types';
import { CxoneError, InvalidInputError } from '../cxone/errors';
import type { Logger } from '../logger';
import type { AuditEntry } from './audit';
import {
  busyCard,
  type Card,
  errorCard,
  membershipUnknownCard,
  notFoundCard,
  progressCard,
  refusalCard,
} from './blocks';
import type { SlackDeps } from './deps';
import { createProgressReporter } from './progress-reporter';
import type { Responder } from './responder';

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
  verifyMs?: number;
  detail?: string;
}

const UNCHANGED = new Set(['already_logged_in', 'not_logged_in']);

export interface ChangeSpec<R> {
  action: AuditEntry['action'];
  agentId: string;
  userId: string;
  respond: Responder;
  execute(agent: Agent, opts: OperationOptions): Promise<R>;
  render(result: R): Card;
  summarise(result: R): ChangeSummary;
}

export async function runChange<R>(deps: SlackDeps, spec: ChangeSpec<R>): Promise<void> {
  const log = deps.logger.child({ slackUserId: spec.userId, agentId: spec.agentId, action: spec.action });
  const auth = await deps.supervisors.authorise(spec.userId);
  if (auth !== 'allowed') {
    log.info({ auth }, 'state change refused');
    await spec.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
    return;
  }
  const op = await deps.guard.begin(spec.agentId, spec.action, spec.userId);
  if (!op.ok) {
    log.info({ startedBy: op.startedBy }, 'state change already in progress');
    await spec.respond(busyCard('this agent', op.startedBy, op.action));
    return;
  }
  try {
    await underGuard(deps, spec, log);
  } finally {
    await op.end();
  }
}

async function underGuard<R>(deps: SlackDeps, spec: ChangeSpec<R>, log: Logger): Promise<void> {
  let agent: Agent;
  try {
    const resolution = await deps.service.resolveAgent(spec.agentId);
    if (resolution.kind !== 'found') {
      await spec.respond(notFoundCard(spec.agentId), { replace: true });
      return;
    }
    agent = resolution.agent;
  } catch (err) {
    log.warn({ err }, 'could not resolve the agent of a state change');
    await spec.respond(errorCard(err), { replace: true });
    return;
  }

  const reporter = createProgressReporter({
    respond: spec.respond,
    render: (event) => progressCard(agent, spec.action, spec.userId, event),
    now: deps.now,
    logger: log,
  });
  await reporter.start();

  let card: Card;
  let summary: ChangeSummary | undefined;
  try {
    const result = await spec.execute(agent, { onProgress: (e) => reporter.onProgress(e) });
    card = spec.render(result);
    summary = spec.summarise(result);
  } catch (err) {
    log.warn({ err }, 'state change failed');
    card = errorCard(err);
    // A target rejected before any request is not a change; everything else may have touched CXone.
    const nothingSent = err instanceof InvalidTargetError || err instanceof InvalidInputError;
    if (!nothingSent)
      summary = { outcome: err instanceof CxoneError ? err.code : 'error', detail: message(err) };
  }

  if (summary) deps.metrics.recordChange(spec.action, summary.outcome, summary.verifyMs);
  // Nothing changed when the agent already was where we wanted it (e.g. a re-delivered click): no audit line.
  if (summary && !UNCHANGED.has(summary.outcome)) {
    await deps.audit.record({
      at: new Date(deps.now()),
      actor: spec.userId,
      action: spec.action,
      agent: { id: agent.id, name: displayName(agent) },
      ...summary,
    });
  }
  await deliver(deps, spec, card, reporter.finish, log);
}

/** The result must never vanish: if the response_url refuses it (expired, used up), send it as a DM. */
async function deliver<R>(
  deps: SlackDeps,
  spec: ChangeSpec<R>,
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
