import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small node:http helpers for the sandbox server. */

/** The page and the app only send small bodies; anything bigger is a mistake, not a workload. */
const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function parseJsonOr(raw: string, fallback: unknown): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return fallback;
  }
}

/**
 * Web API arguments: Slack accepts form fields (what @slack/web-api sends, with nested values such as
 * `blocks` and `view` JSON-encoded) or a JSON body.
 */
export function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) {
    const value = parseJsonOr(raw || '{}', undefined);
    if (!value || typeof value !== 'object') throw new HttpError(400, 'invalid_json');
    return value as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^\s*[[{]/.test(value) ? parseJsonOr(value, value) : value;
  }
  return out;
}

/** The Web API token, from `Authorization: Bearer …` or (older clients) a `token` argument. */
export function bearerToken(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args.token === 'string' ? args.token : undefined;
}
