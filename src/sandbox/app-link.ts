import { createHmac } from 'node:crypto';

/**
 * Delivers requests to the app's request URL the way Slack does: a form-encoded (or, for events, JSON)
 * body signed with `v0=HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}")` in X-Slack-Signature,
 * the timestamp in X-Slack-Request-Timestamp, and a 3-second deadline for the app's acknowledgement.
 */

export const ACK_DEADLINE_MS = 3000;

export interface AppReply {
  ok: boolean;
  status: number;
  /** The acknowledgement body (options, view_submission response actions, a command's instant reply). */
  text: string;
  /** What Slack would show the member when delivery failed, e.g. `operation_timeout`. */
  error?: string;
}

export interface AppLink {
  send(body: string, contentType?: string): Promise<AppReply>;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createAppLink(opts: {
  url: string;
  signingSecret: string;
  timeoutMs?: number;
  now?: () => number;
}): AppLink {
  const now = opts.now ?? Date.now;
  return {
    async send(body, contentType = 'application/x-www-form-urlencoded') {
      const timestamp = Math.floor(now() / 1000);
      try {
        const res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': slackSignature(opts.signingSecret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? ACK_DEADLINE_MS),
        });
        const text = await res.text();
        return res.ok
          ? { ok: true, status: res.status, text }
          : { ok: false, status: res.status, text, error: `http_error_${res.status}` };
      } catch (err) {
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        return { ok: false, status: 0, text: '', error: timedOut ? 'operation_timeout' : 'dispatch_failed' };
      }
    },
  };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function payloadBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}
