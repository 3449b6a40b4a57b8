import type { webApi } from '@slack/bolt';
import { detailWorthShowing, outcomeWords } from '../agentstate/outcome-words';
import type { Logger } from '../logger';
import type { AuditAction, AuditLog } from '../store/port';
import { card, EMPTY, type Mrkdwn, md } from './blocks/kit';
import { channelMention, userMention } from './blocks/mrkdwn';

/**
 * One record per change made through the app: state changes (login, logout, switch) and watch changes.
 * Sinks: the store's audit log (the record), the AUDIT_CHANNEL_ID channel (for people), or both composed.
 * A sink never throws: a failed audit write is logged, and the supervisor still gets their result.
 */

export type { AuditAction };

export interface AuditEntry {
  at: Date;
  /** Slack user id of the supervisor. */
  actor: string;
  action: AuditAction;
  agent: { id: string; name: string };
  /** Skill name(s) involved, as shown to the supervisor (the reason set, for `unavailable`). */
  skill?: string;
  /** switch: the skill the agent was switched from (`skill` is where to). */
  from?: string;
  /** watch/unwatch: the channel. */
  channel?: string;
  /** `verified`, `conflict`, `not_visible`, `logged_out`, `ok`, or an error code such as `missing_scope`. */
  outcome: string;
  verifyMs?: number;
  /** CXone request id of the failing call, to correlate with CXone's logs. */
  requestId?: string;
  detail?: string;
}

export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}

export const noopAuditSink: AuditSink = { record: async () => {} };

export const AUDIT_VERB: Record<AuditAction, string> = {
  login: 'log in',
  logout: 'log out',
  switch: 'switch',
  watch: 'watch',
  unwatch: 'unwatch',
  available: 'make available',
  unavailable: 'set unavailable',
  ask: 'ask to log in',
};

/** The audit channel's line; the names in it come from CXone, so it is built like any card. */
export function auditText(e: AuditEntry): Mrkdwn {
  const skill = e.from
    ? md` from ${e.from} to ${e.skill ?? 'another skill'}`
    : e.skill
      ? md` (${e.skill})`
      : EMPTY;
  const where = e.channel ? md` in ${channelMention(e.channel)}` : EMPTY;
  const time = e.verifyMs === undefined ? EMPTY : md` in ${(e.verifyMs / 1000).toFixed(1)} s`;
  const detail = e.detail && detailWorthShowing(e.outcome) ? md` — ${e.detail}` : EMPTY;
  const request = e.requestId ? md` (CXone request \`${e.requestId}\`)` : EMPTY;
  const outcome = outcomeWords(e.outcome, e.detail);
  return md`${userMention(e.actor)} ${AUDIT_VERB[e.action]} *${e.agent.name}*${skill}${where}: *${outcome}*${time}${detail}${request}`;
}

export function createSlackAuditSink(opts: {
  client: webApi.WebClient;
  channelId: string;
  logger: Logger;
}): AuditSink {
  return {
    async record(entry) {
      try {
        await opts.client.chat.postMessage({
          channel: opts.channelId,
          text: card(auditText(entry), []).text,
          unfurl_links: false,
        });
      } catch (err) {
        opts.logger.error({ err, audit: entry }, 'could not post to the audit channel');
      }
    },
  };
}

/** The persistent record: one row in the store's audit log per entry. */
export function createStoreAuditSink(opts: {
  audit: Pick<AuditLog, 'record'>;
  logger: Logger;
  /** Lets the app notice a database outage (see store-health.ts); called with the failure. */
  onFailure?: (err: unknown) => void;
}): AuditSink {
  return {
    async record(e) {
      try {
        await opts.audit.record({
          at: e.at,
          actor: e.actor,
          action: e.action,
          agentId: e.agent.id,
          agentName: e.agent.name,
          outcome: e.outcome,
          ...(e.skill !== undefined || e.channel !== undefined ? { target: targetText(e) } : {}),
          ...(e.verifyMs === undefined ? {} : { verifyMs: e.verifyMs }),
          ...(e.requestId === undefined ? {} : { requestId: e.requestId }),
          ...(e.detail === undefined ? {} : { detail: e.detail }),
        });
      } catch (err) {
        opts.onFailure?.(err);
        opts.logger.error({ err, audit: e }, 'could not write the audit log to the database');
      }
    },
  };
}

/** The store keeps one target text: a switch's is "from → to", so the log still says where from. */
function targetText(e: AuditEntry): string | undefined {
  if (e.from && e.skill) return `${e.from} → ${e.skill}`;
  return e.skill ?? e.channel;
}

/** Records in every sink at once; one sink failing (even throwing) never stops the others. */
export function composeAuditSinks(sinks: AuditSink[], logger: Logger): AuditSink {
  if (sinks.length === 0) return noopAuditSink;
  if (sinks.length === 1) return sinks[0]!;
  return {
    async record(entry) {
      const results = await Promise.allSettled(sinks.map((s) => s.record(entry)));
      for (const r of results) {
        if (r.status === 'rejected') logger.error({ err: r.reason, audit: entry }, 'an audit sink failed');
      }
    },
  };
}
