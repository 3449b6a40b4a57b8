import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * One record per state change attempted through the app. The Slack sink posts it to AUDIT_CHANNEL_ID;
 * a persistent sink (the store's audit log) can be added behind the same interface.
 */

export interface AuditEntry {
  at: Date;
  /** Slack user id of the supervisor. */
  actor: string;
  action: 'login' | 'logout' | 'switch';
  agent: { id: string; name: string };
  /** Skill name(s) involved, as shown to the supervisor. */
  skill?: string;
  /** `verified`, `conflict`, `not_visible`, `logged_out`, or an error code such as `missing_scope`. */
  outcome: string;
  verifyMs?: number;
  detail?: string;
}

export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}

export const noopAuditSink: AuditSink = { record: async () => {} };

const VERB: Record<AuditEntry['action'], string> = { login: 'log in', logout: 'log out', switch: 'switch' };

export function auditText(e: AuditEntry): string {
  const skill = e.skill ? ` (${e.skill})` : '';
  const time = e.verifyMs === undefined ? '' : ` in ${(e.verifyMs / 1000).toFixed(1)} s`;
  const detail = e.detail ? ` — ${e.detail}` : '';
  return `<@${e.actor}> ${VERB[e.action]} *${e.agent.name}* \`${e.agent.id}\`${skill}: *${e.outcome}*${time}${detail}`;
}

/** Never throws: an audit post that fails is logged, and the supervisor still gets their result. */
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
          text: auditText(entry),
          unfurl_links: false,
        });
      } catch (err) {
        opts.logger.error({ err, audit: entry }, 'could not post to the audit channel');
      }
    },
  };
}
