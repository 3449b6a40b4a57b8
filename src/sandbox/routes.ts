import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { deskAction, deskActionSchema, deskInputSchema, deskStatus } from './agent-desk';
import { bearerToken, HttpError, parseArgs, readBody, sendJson } from './http';
import type { PageConfig, PageStreams } from './page-stream';
import { serveStatic } from './static-files';
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

/**
 * The sandbox server's routes: the Slack Web API under `/api/` (SLACK_API_URL points here),
 * `response_url`s under `/response/`, the page's endpoints under `/ui/`, and the page's files.
 */

export interface RouteDeps {
  ctx: UiContext;
  streams: PageStreams;
  page: PageConfig;
  botToken: string;
  /** Folder of the page's static files. */
  root: string;
  logger?: Logger;
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
  desk: handler(deskInputSchema, deskStatus),
  'desk-action': handler(deskActionSchema, deskAction),
};

async function webApi(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string) {
  const args = parseArgs(await readBody(req), req.headers['content-type'] ?? '');
  const token = bearerToken(req, args);
  if (!token) return sendJson(res, 200, { ok: false, error: 'not_authed' });
  if (token !== deps.botToken) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
  const result = callMethod(deps.ctx.ws, method, args);
  deps.logger?.debug({ method, ok: result.ok, error: result.error }, 'sandbox Web API call');
  sendJson(res, 200, result);
}

/** Bolt's `respond` posts JSON; older integrations post a form with a `payload` field. */
async function responseUrl(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, token: string) {
  const raw = await readBody(req);
  const body = req.headers['content-type']?.includes('application/x-www-form-urlencoded')
    ? parseArgs(raw, '').payload
    : parseArgs(raw, 'application/json');
  const answer = deps.ctx.urls.post(token, body);
  sendJson(res, answer.status, answer.body);
}

async function ui(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, name: string) {
  const route = UI_ROUTES[name];
  if (!route) return sendJson(res, 404, { ok: false, error: 'not_found' });
  const raw = parseArgs(await readBody(req), 'application/json');
  sendJson(res, 200, await route(deps.ctx, raw));
}

/** `user` may also name a role of the switch (`?as=member` on the page); without one, the supervisor. */
function events(deps: RouteDeps, url: URL, req: IncomingMessage, res: ServerResponse) {
  const { ws } = deps.ctx;
  const asked = url.searchParams.get('user') ?? '';
  const actor = deps.page.actors.find((a) => a.role === asked) ?? deps.page.actors[0];
  const user = ws.isMember(asked) ? asked : (actor?.userId ?? '');
  if (!ws.isMember(user)) return sendJson(res, 400, { ok: false, error: 'unknown member' });
  deps.streams.attach(req, res, user);
}

async function route(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const path = url.pathname;
  if (req.method === 'POST' && path.startsWith('/api/')) return webApi(deps, req, res, path.slice(5));
  if (req.method === 'POST' && path.startsWith('/response/'))
    return responseUrl(deps, req, res, path.slice(10));
  if (req.method === 'POST' && path.startsWith('/ui/')) return ui(deps, req, res, path.slice(4));
  if (req.method === 'GET' && path === '/ui/events') return events(deps, url, req, res);
  if (req.method === 'GET' && (await serveStatic(res, deps.root, path))) return;
  sendJson(res, req.method === 'GET' ? 404 : 405, { ok: false, error: 'not_found' });
}

/** The request listener; refusals become 4xx with `{ok: false, error}`, anything else a logged 500. */
export function createRouter(deps: RouteDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(deps, req, res).catch((err: unknown) => {
      if (err instanceof UiError) return sendJson(res, 400, { ok: false, error: err.message });
      if (err instanceof HttpError) return sendJson(res, err.status, { ok: false, error: err.message });
      deps.logger?.error({ err, url: req.url }, 'sandbox request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
    });
  };
}
