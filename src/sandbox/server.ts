import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { type AppLink, createAppLink } from './app-link';
import { bearerToken, HttpError, parseArgs, readBody, sendJson } from './http';
import { type PageConfig, PageStreams } from './page-stream';
import { ResponseUrls } from './response-urls';
import { publicDir, serveStatic } from './static-files';
import { type UiContext, UiError } from './ui-context';
import {
  actionInputSchema,
  clickElement,
  closeView,
  homeInputSchema,
  loadOptions,
  openHome,
  optionsInputSchema,
  submitInputSchema,
  submitView,
  viewInputSchema,
} from './ui-interactions';
import { messageInputSchema, sendMessage } from './ui-messages';
import { callMethod } from './web-api';
import type { Workspace } from './workspace';

/**
 * The sandbox's HTTP server (node:http): the Slack Web API under `/api/` (SLACK_API_URL points here),
 * `response_url`s under `/response/`, the page and its endpoints under `/ui/`. Requests to the app go
 * through `connectApp(url)`, called once the app listens.
 */

export interface SandboxServerOptions {
  workspace: Workspace;
  page: PageConfig;
  /** The bot token the app was given; Web API calls with another one answer invalid_auth. */
  botToken: string;
  signingSecret: string;
  /** Default 0 (a free port). */
  port?: number;
  host?: string;
  logger?: Logger;
  now?: () => number;
}

export interface SandboxServer {
  url: string;
  port: number;
  /** SLACK_API_URL for the app. */
  apiUrl: string;
  workspace: Workspace;
  connectApp(eventsUrl: string): void;
  close(): Promise<void>;
}

type UiHandler = (ctx: UiContext, raw: unknown) => unknown;

function handler<S extends z.ZodType>(
  schema: S,
  run: (ctx: UiContext, input: z.infer<S>) => unknown,
): UiHandler {
  return (ctx, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new UiError(parsed.error.issues[0]?.message ?? 'invalid request');
    return run(ctx, parsed.data);
  };
}

const UI_ROUTES: Record<string, UiHandler> = {
  message: handler(messageInputSchema, sendMessage),
  action: handler(actionInputSchema, clickElement),
  options: handler(optionsInputSchema, loadOptions),
  submit: handler(submitInputSchema, submitView),
  close: handler(viewInputSchema, closeView),
  home: handler(homeInputSchema, openHome),
};

export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const ws = opts.workspace;
  const now = opts.now ?? Date.now;
  const root = publicDir();
  const urls = new ResponseUrls(ws, now);
  const streams = new PageStreams(ws, opts.page);
  let link: AppLink | undefined;
  let baseUrl = '';
  const ctx: UiContext = {
    ws,
    urls,
    link: () => link,
    responseUrl: (token) => `${baseUrl}/response/${token}`,
    now,
  };

  async function webApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const args = parseArgs(await readBody(req), req.headers['content-type'] ?? '');
    const token = bearerToken(req, args);
    if (!token) return sendJson(res, 200, { ok: false, error: 'not_authed' });
    if (token !== opts.botToken) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
    const result = callMethod(ws, method, args);
    opts.logger?.debug({ method, ok: result.ok, error: result.error }, 'sandbox Web API call');
    sendJson(res, 200, result);
  }

  async function responseUrl(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const raw = await readBody(req);
    const body = req.headers['content-type']?.includes('application/x-www-form-urlencoded')
      ? parseArgs(raw, '').payload
      : parseArgs(raw, 'application/json');
    const answer = urls.post(token, body);
    sendJson(res, answer.status, answer.body);
  }

  async function ui(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const route = UI_ROUTES[name];
    if (!route) return sendJson(res, 404, { ok: false, error: 'not_found' });
    const raw = parseArgs(await readBody(req), 'application/json');
    sendJson(res, 200, await route(ctx, raw));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (req.method === 'POST' && path.startsWith('/api/')) return webApi(req, res, path.slice(5));
    if (req.method === 'POST' && path.startsWith('/response/')) return responseUrl(req, res, path.slice(10));
    if (req.method === 'POST' && path.startsWith('/ui/')) return ui(req, res, path.slice(4));
    if (req.method === 'GET' && path === '/ui/events') {
      // `user` may also name a role of the switch (`?as=member` on the page); without one, the supervisor.
      const asked = url.searchParams.get('user') ?? '';
      const actor = opts.page.actors.find((a) => a.role === asked) ?? opts.page.actors[0];
      const user = ws.isMember(asked) ? asked : (actor?.userId ?? '');
      if (!ws.isMember(user)) return sendJson(res, 400, { ok: false, error: 'unknown member' });
      return streams.attach(req, res, user);
    }
    if (req.method === 'GET' && (await serveStatic(res, root, path))) return;
    sendJson(res, req.method === 'GET' ? 404 : 405, { ok: false, error: 'not_found' });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof UiError) return sendJson(res, 400, { ok: false, error: err.message });
      if (err instanceof HttpError) return sendJson(res, err.status, { ok: false, error: err.message });
      opts.logger?.error({ err, url: req.url }, 'sandbox request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;

  return {
    url: baseUrl,
    port,
    apiUrl: `${baseUrl}/api/`,
    workspace: ws,
    connectApp(eventsUrl) {
      link = createAppLink({ url: eventsUrl, signingSecret: opts.signingSecret, now });
    },
    async close() {
      streams.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
