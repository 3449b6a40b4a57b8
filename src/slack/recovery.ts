import type { webApi } from '@slack/bolt';
import { displayName } from '../agentstate/model';
import { defaultOrphanAfterMs } from '../agentstate/operation-guard';
import { type Clock, systemClock } from '../agentstate/ports';
import {
  claimAbandoned,
  defaultStaleAfterMs,
  finishOperations,
  outcomeCode,
  type RecoveredOperation,
  type ResumeOutcome,
} from '../agentstate/recovery';
import type { AgentStateService } from '../agentstate/types';
import type { Logger } from '../logger';
import type { AuditLog, Operation, OperationStore } from '../store/port';
import { type AuditSink, createStoreAuditSink } from './audit';
import { type Card, recoveredCard } from './blocks';
import { fromResponseUrl } from './responder';

/**
 * Reports operations another process left unfinished (see agentstate/recovery.ts for how the outcome is
 * decided): audits the outcome and shows it where the supervisor saw the progress — through the
 * response_url while Slack still accepts it, else by editing the channel message, else in a DM.
 */

/** Slack accepts a response_url for 30 minutes; a minute of margin for the request itself. */
export const RESPONSE_URL_TTL_MS = 29 * 60_000;

export interface RecoverOperationsOptions {
  store: {
    operations: Pick<OperationStore, 'claimStale' | 'complete'> &
      Partial<Pick<OperationStore, 'claimOrphaned'>>;
    audit?: Pick<AuditLog, 'record'>;
  };
  /** The use cases that re-check an operation: v2's `service`, or the session model's `resume`. */
  service?: Pick<AgentStateService, 'resolveAgent' | 'report' | 'resolveTarget'>;
  resume?: (op: Operation) => Promise<ResumeOutcome>;
  client: webApi.WebClient;
  logger: Logger;
  /** This process's owner id (`store/owner.ts`): the same `owner` as the durable guard's. */
  owner: string;
  clock?: Clock;
  /** VERIFY_TIMEOUT_MS; the window a resumed verification may still use. Default 15 s. */
  verifyTimeoutMs?: number;
  /** Default `defaultStaleAfterMs(verifyTimeoutMs)`. */
  staleAfterMs?: number;
  /** Default `defaultOrphanAfterMs()`: what this replica's previous process left is taken back sooner. */
  orphanAfterMs?: number;
  /** Default: the store's audit log. Pass `SlackApp.audit` to also post in AUDIT_CHANNEL_ID. */
  audit?: AuditSink;
  fetch?: typeof fetch;
}

/** One sweep: claims abandoned operations, then finishes and reports them. */
export async function recoverOperations(opts: RecoverOperationsOptions): Promise<RecoveredOperation[]> {
  return finishClaimed(opts, await claim(opts));
}

function claim(opts: RecoverOperationsOptions) {
  return claimAbandoned({
    operations: opts.store.operations,
    owner: opts.owner,
    staleAfterMs: opts.staleAfterMs ?? defaultStaleAfterMs(opts.verifyTimeoutMs ?? 15_000),
    ...(opts.orphanAfterMs === undefined ? {} : { orphanAfterMs: opts.orphanAfterMs }),
  });
}

function finishClaimed(opts: RecoverOperationsOptions, claimed: Operation[]): Promise<RecoveredOperation[]> {
  const clock = opts.clock ?? systemClock;
  const verifyTimeoutMs = opts.verifyTimeoutMs ?? 15_000;
  const audit =
    opts.audit ??
    (opts.store.audit ? createStoreAuditSink({ audit: opts.store.audit, logger: opts.logger }) : undefined);
  return finishOperations(claimed, {
    operations: opts.store.operations,
    deps: { service: opts.service, resume: opts.resume, clock, verifyTimeoutMs },
    onFinished: async (op, outcome) => {
      const log = opts.logger.child({ operationId: op.id, agentId: op.agentId, action: op.action });
      log.info({ outcome: outcome.kind }, 'finished an operation left by another process');
      await auditRecovered(audit, op, outcome, clock);
      await deliver(opts, op, recoveredCard(op, outcome), clock, log).catch((err) =>
        log.error({ err }, 'could not report a recovered operation in Slack'),
      );
    },
  });
}

async function auditRecovered(
  audit: AuditSink | undefined,
  op: Operation,
  outcome: ResumeOutcome,
  clock: Clock,
) {
  if (!audit || !isChange(op.action)) return;
  const agent = outcome.agent;
  const skill =
    outcome.kind === 'verified'
      ? outcome.state.skillName
      : outcome.kind === 'confirmed'
        ? undefined
        : outcome.skillName;
  await audit.record({
    at: new Date(clock.now()),
    actor: op.startedBy,
    action: op.action,
    agent: { id: op.agentId, name: agent ? displayName(agent) : op.agentId },
    outcome: outcomeCode(outcome),
    ...(skill ? { skill } : {}),
    detail: outcome.kind === 'failed' ? outcome.explanation : 'confirmed after the app restarted',
  });
}

const CHANGES = ['login', 'logout', 'switch', 'available', 'unavailable', 'ask'] as const;

function isChange(action: string): action is (typeof CHANGES)[number] {
  return (CHANGES as readonly string[]).includes(action);
}

/**
 * The response_url replaces the progress card in place (ephemeral or not) but only for 30 minutes and five
 * uses. A channel message (ts known, e.g. a drop notice) can then still be edited by the bot; an ephemeral
 * one cannot, so its starter gets a direct message — never nothing.
 */
async function deliver(opts: RecoverOperationsOptions, op: Operation, card: Card, clock: Clock, log: Logger) {
  const message = op.message;
  const fresh = clock.now() - op.startedAt.getTime() < RESPONSE_URL_TTL_MS;
  if (message?.responseUrl && fresh) {
    try {
      await fromResponseUrl(message.responseUrl, opts.fetch)(card, { replace: true });
      return;
    } catch (err) {
      log.info({ err }, 'response_url no longer accepted the result');
    }
  }
  if (message?.channel && message.ts) {
    try {
      await opts.client.chat.update({
        channel: message.channel,
        ts: message.ts,
        text: card.text,
        blocks: card.blocks,
      });
      return;
    } catch (err) {
      log.info({ err }, 'could not edit the channel message');
    }
  }
  await opts.client.chat.postMessage({ channel: op.startedBy, text: card.text, blocks: card.blocks });
}

export interface OperationRecovery {
  /**
   * Settles once the first sweep has claimed what it will finish, so what a previous process left (and has
   * long stopped refreshing) is taken before this one starts serving.
   */
  claimed: Promise<void>;
  /** Stops the sweeps and waits for a running one. */
  stop(): Promise<void>;
}

/**
 * Sweeps at start and then every `intervalMs` (default: half the orphan threshold, at most
 * VERIFY_TIMEOUT_MS): an operation whose process died stops refreshing its claim, and must not wait for the
 * next restart. Every replica may run this; the claims split the work so each operation is
 * reported once. Store failures are logged and the next sweep tries again.
 */
export function startOperationRecovery(
  opts: RecoverOperationsOptions & { intervalMs?: number },
): OperationRecovery {
  const clock = opts.clock ?? systemClock;
  // Often enough that what a restarted replica's previous process left is taken back soon after its
  // heartbeat lapses.
  const interval =
    opts.intervalMs ??
    Math.min(opts.verifyTimeoutMs ?? 15_000, (opts.orphanAfterMs ?? defaultOrphanAfterMs()) / 2);
  const stopping = new AbortController();
  const sweep = async (onClaimed: () => void) => {
    try {
      const claimed = await claim(opts);
      onClaimed();
      await finishClaimed(opts, claimed);
    } catch (err) {
      onClaimed();
      opts.logger.warn({ err }, 'operation recovery sweep failed');
    }
  };
  let claimedFirst: () => void = () => {};
  const claimed = new Promise<void>((resolve) => {
    claimedFirst = resolve;
  });
  const loop = (async () => {
    await sweep(claimedFirst);
    while (!stopping.signal.aborted) {
      await clock.sleep(interval, stopping.signal).catch(() => undefined);
      if (!stopping.signal.aborted) await sweep(() => {});
    }
  })();
  return {
    claimed,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
