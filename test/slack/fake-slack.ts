import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API (pointed at with SLACK_API_URL) plus response_url endpoints, on node:http. It
 * records every call so tests can read what the app sent, and behaves like Slack where the app depends
 * on it: form-encoded Web API arguments, `{ok:false, error}` failures, 429 with Retry-After, and a
 * response_url that accepts at most five messages.
 */

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: {
    text?: string;
    blocks?: Array<Record<string, unknown>>;
    replace_original?: boolean;
    response_type?: string;
  };
}

export interface FakeUser {
  id: string;
  email?: string;
  isBot?: boolean;
}

const RESPONSE_URL_USES = 5;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly usergroups = new Map<string, string[]>();
  /** Channels where chat.postMessage answers not_in_channel. */
  readonly closedChannels = new Set<string>();
  /** Channels where chat.postMessage answers with this error (channel_not_found, is_archived…). */
  readonly channelErrors = new Map<string, string>();
  /** What `apps.connections.open` hands out (Socket Mode); unset, the method is unknown. */
  socketModeUrl: string | undefined;
  /** response_url ids Slack no longer accepts (older than 30 minutes). */
  readonly expiredResponseUrls = new Set<string>();
  /** Next N calls of a method answer 429 with this Retry-After (seconds). */
  private readonly rateLimits = new Map<string, { times: number; retryAfter: number }>();
  private readonly failures = new Map<string, string>();
  private server: Server | undefined;
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  rateLimit(method: string, times: number, retryAfter = 1): void {
    this.rateLimits.set(method, { times, retryAfter });
  }

  fail(method: string, error: string): void {
    this.failures.set(method, error);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  postsTo(id: string): ResponseUrlPost['body'][] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.rateLimits.clear();
    this.failures.clear();
    this.closedChannels.clear();
    this.channelErrors.clear();
    this.expiredResponseUrls.clear();
  }

  /** chat.postMessage calls to one channel; `thread` filters replies (true) or top-level messages (false). */
  messagesTo(channel: string, thread?: boolean): ApiCall[] {
    return this.callsTo('chat.postMessage').filter(
      (c) => c.args.channel === channel && (thread === undefined || Boolean(c.args.thread_ts) === thread),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path.startsWith('/response/'))
      return this.handleResponseUrl(path.slice('/response/'.length), raw, res);
    if (!path.startsWith('/api/')) return send(res, 404, { ok: false, error: 'unknown_path' });
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    this.calls.push({ method, args });
    const limit = this.rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      res.setHeader('retry-after', String(limit.retryAfter));
      return send(res, 429, { ok: false, error: 'ratelimited' });
    }
    const failure = this.failures.get(method);
    if (failure) return send(res, 200, { ok: false, error: failure });
    send(res, 200, this.answer(method, args));
  }

  private handleResponseUrl(id: string, raw: string, res: ServerResponse): void {
    if (this.expiredResponseUrls.has(id)) {
      send(res, 404, { ok: false, error: 'expired_url' });
      return;
    }
    // Slack accepts five messages per response_url; the app must budget its progress updates.
    if (this.responses.filter((r) => r.id === id).length >= RESPONSE_URL_USES) {
      send(res, 404, { ok: false, error: 'used_url' });
      return;
    }
    this.responses.push({ id, body: JSON.parse(raw || '{}') });
    send(res, 200, { ok: true });
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'apps.connections.open':
        return this.socketModeUrl
          ? { ok: true, url: this.socketModeUrl }
          : { ok: false, error: 'unknown_method' };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'agentstate' };
      case 'chat.postMessage': {
        const channelError = this.channelErrors.get(String(args.channel));
        if (channelError) return { ok: false, error: channelError };
        if (this.closedChannels.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        return { ok: true, channel: args.channel, ts: ts() };
      }
      case 'chat.update':
      case 'chat.postEphemeral':
        return { ok: true, channel: args.channel, ts: ts(), message_ts: ts() };
      case 'users.info':
        return this.userInfo(String(args.user));
      case 'users.lookupByEmail': {
        const wanted = String(args.email).toLowerCase();
        const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === wanted);
        return user
          ? { ok: true, user: { id: user.id, profile: { email: user.email } } }
          : { ok: false, error: 'users_not_found' };
      }
      case 'usergroups.users.list': {
        const users = this.usergroups.get(String(args.usergroup));
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { ...(args.view as object), id: `V${++this.seq}`, hash: `h${this.seq}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private userInfo(id: string): Record<string, unknown> {
    const user = this.users.get(id);
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: { id, is_bot: Boolean(user.isBot), profile: user.email ? { email: user.email } : {} },
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The WebClient form-encodes arguments and JSON-encodes nested ones (blocks, view). */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
