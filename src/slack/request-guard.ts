import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Checks every request to the Slack endpoint before Bolt's HTTPReceiver sees it, for two gaps in Bolt 5.1
 * (node_modules/@slack/bolt/dist/receivers/verify-request.js and HTTPReceiver.js):
 *
 * - Bolt refuses a request timestamp more than five minutes old, but not one from the future: a request
 *   signed with a timestamp years ahead stays valid until then, and can be replayed all that time. Here
 *   the timestamp must be within five minutes of now, both ways, as Slack's documentation asks.
 * - A signed body that parses to something other than an object (`payload=null`, a JSON `null`) makes
 *   Bolt read `body.ssl_check` outside its try blocks: an unhandled rejection that ends the process.
 *   Here such a body gets 400 and never reaches Bolt.
 *
 * The body is read once and left on the request as `rawBody`, which Bolt reuses instead of reading the
 * stream again; Bolt then verifies the signature a second time, which costs one HMAC.
 */

/** Slack's own rule for request timestamps, applied both ways. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/** Bolt's default body limit: Slack's payloads are far smaller. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export interface RequestGuardOptions {
  signingSecret: string;
  /** The path Bolt serves Slack's requests on. */
  endpoint: string;
  logger: Logger;
  now?: () => number;
}

type Verdict = { ok: true } | { ok: false; status: 400 | 401 | 413; reason: string };

export function guardSlackRequests(next: RequestListener, opts: RequestGuardOptions): RequestListener {
  const now = opts.now ?? Date.now;
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== opts.endpoint) return next(req, res);
    void inspect(req, opts.signingSecret, now()).then(
      (verdict) => {
        if (verdict.ok) return pass(next, req, res, opts.logger);
        opts.logger.warn({ status: verdict.status, reason: verdict.reason }, 'Slack request refused');
        reply(res, verdict.status);
      },
      (err: unknown) => {
        opts.logger.warn({ err }, 'could not read a Slack request');
        reply(res, 400);
      },
    );
  };
}

async function inspect(req: IncomingMessage, secret: string, nowMs: number): Promise<Verdict> {
  const raw = await readBody(req);
  if (raw === undefined) return { ok: false, status: 413, reason: 'body too large' };
  Object.assign(req, { rawBody: raw });
  const text = raw.toString('utf8');
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
  // Slack's SSL check is unsigned by design; Bolt answers it and drops anything else in the body.
  if (form && parseQuery(text).ssl_check === '1') return { ok: true };

  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (!Number.isFinite(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_CLOCK_SKEW_S) {
    return { ok: false, status: 401, reason: 'request timestamp more than 5 minutes away from now' };
  }
  try {
    verifySlackRequest({
      signingSecret: secret,
      body: text,
      headers: {
        'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
        'x-slack-request-timestamp': timestamp,
      },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { ok: false, status: 401, reason: 'signature mismatch' };
  }
  return isObjectBody(text, form)
    ? { ok: true }
    : { ok: false, status: 400, reason: 'body is not a Slack payload object' };
}

/** Parses the body the way Bolt will, and accepts only what Bolt can handle: a plain object. */
function isObjectBody(text: string, form: boolean): boolean {
  try {
    if (form) {
      const { payload } = parseQuery(text);
      if (payload === undefined) return true;
      return typeof payload === 'string' && isPlainObject(JSON.parse(payload));
    }
    return isPlainObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The whole body, or undefined once it exceeds the limit (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Bolt's listener normally runs inside its server's try/catch; here it runs later, so it gets its own. */
function pass(next: RequestListener, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  try {
    next(req, res);
  } catch (err) {
    logger.error({ err }, 'Bolt could not take a Slack request');
    reply(res, 500);
  }
}

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
