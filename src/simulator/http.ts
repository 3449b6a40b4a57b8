import type { IncomingMessage, ServerResponse } from 'node:http';

/** How an error is sent besides its JSON body. */
export interface HttpErrorOptions {
  /** HTTP reason phrase instead of the standard one (CXone puts its error text there, e.g. "Invalid Agent Id"). */
  reason?: string;
  /** Send this as `text/plain` instead of the JSON body. */
  text?: string;
}

/** Thrown by handlers; the server turns it into a JSON error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
    readonly options: HttpErrorOptions = {},
  ) {
    super(String(body.message ?? body.error_description ?? body.error));
  }
}

/** Sends an HttpError as its status, headers, reason phrase and body. */
export function sendError(res: ServerResponse, error: HttpError) {
  const { reason, text } = error.options;
  if (text === undefined) return sendJson(res, error.status, error.body, error.headers, reason);
  if (res.writableEnded || res.destroyed) return;
  const headers = {
    ...error.headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  };
  if (reason) res.writeHead(error.status, reason, headers);
  else res.writeHead(error.status, headers);
  res.end(text);
}

/** The contract's error shape: `{error, message}` plus any extra fields (e.g. `skillId` on 409). */
export function fail(status: number, error: string, message: string, extra: Record<string, unknown> = {}) {
  return new HttpError(status, { error, message, ...extra });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  reason?: string,
) {
  // A client that gave up (timeout tests) has closed the socket; nothing left to answer.
  if (res.writableEnded || res.destroyed) return;
  // 204 and 304 must not carry a body, whatever the caller passed.
  const payload = body === undefined || status === 204 || status === 304 ? '' : JSON.stringify(body);
  const allHeaders = {
    ...headers,
    ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': Buffer.byteLength(payload),
  };
  if (reason) res.writeHead(status, reason, allHeaders);
  else res.writeHead(status, allHeaders);
  res.end(payload);
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw fail(413, 'payload_too_large', 'request body over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; an empty body is `undefined` so optional bodies (reset) work. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw fail(400, 'bad_request', 'request body is not valid JSON');
  }
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}
