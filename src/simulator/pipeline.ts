import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import type { Counts } from './counts';
import { type FaultBook, faultErrorName } from './faults';
import { HttpError, sendError, sendJson } from './http';
import { type RouteMatch, Router } from './router';
import { registerAgents } from './routes/agents';
import { registerCatalog } from './routes/catalog';
import { registerControl } from './routes/control';
import { registerOAuth } from './routes/oauth';

export type Unrouted = Exclude<RouteMatch, { kind: 'found' }>;

/** What a dialect plugs into the request pipeline; the pipeline itself is the same for every dialect. */
export interface PipelineParts {
  counts: Counts;
  faults: FaultBook;
  latencyMs(): number;
  /** The /__sim/ routes. */
  control: Router;
  /** The route of a request outside /__sim/, and the path that fault rules and counts see for it. */
  route(method: string, pathname: string): { match: RouteMatch; path: string };
  /** The body of an injected fault's response. */
  faultBody(status: number, path: string, message: string): Record<string, unknown>;
  /** The answer when no route serves the path (404) or none with this method (405). */
  unrouted(match: Unrouted, method: string, pathname: string): HttpError;
}

/**
 * What happens to every request: a request id; then, for the API (not /__sim/), counting by route
 * template, global latency and fault injection — in that order, so a faulted request is still counted —
 * and finally the route.
 */
export function createPipeline(parts: PipelineParts, sleep: (ms: number) => Promise<void>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-request-id', randomUUID());
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      if (pathname === '/__sim' || pathname.startsWith('/__sim/'))
        return await dispatch(parts, parts.control.match(method, pathname), req, res, url, method);

      const { match, path } = parts.route(method, pathname);
      const template = match.kind === 'none' ? undefined : match.template;
      parts.counts.record(`${method} ${template ?? '*'}`);
      const latency = parts.latencyMs();
      if (latency > 0) await sleep(latency);
      const fault = parts.faults.take(method, path, template);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status !== undefined) {
        const body = parts.faultBody(fault.status, path, `injected fault: ${fault.status}`);
        const headers: Record<string, string> =
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
        return sendJson(res, fault.status, body, headers);
      }
      await dispatch(parts, match, req, res, url, method);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error);
      sendJson(res, 500, { error: 'internal_error', message: String(error) });
    }
  };
}

async function dispatch(
  parts: PipelineParts,
  match: RouteMatch,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
) {
  if (match.kind !== 'found') throw parts.unrouted(match, method, url.pathname);
  await match.handler({ req, res, params: match.params, query: url.searchParams, now: Date.now() });
}

/** The seed dialect (DESIGN.md): `/oauth/token` and `/api/v2/…` on one router. */
export function createRequestHandler(sim: SimContext, sleep: (ms: number) => Promise<void>) {
  const api = new Router();
  registerOAuth(api, sim);
  registerAgents(api, sim);
  registerCatalog(api, sim);
  const control = new Router();
  registerControl(control, sim);

  return createPipeline(
    {
      counts: sim.counts,
      faults: sim.faults,
      latencyMs: () => sim.config.latencyMs,
      control,
      route: (method, pathname) => ({ match: api.match(method, pathname), path: pathname }),
      faultBody: (status, path, message) => {
        const body: Record<string, unknown> = { error: faultErrorName(status), message };
        // The token endpoint speaks OAuth's error shape.
        if (path === '/oauth/token') body.error_description = message;
        return body;
      },
      unrouted: (match, method, pathname) =>
        match.kind === 'none'
          ? new HttpError(404, { error: 'not_found', message: `no route for ${method} ${pathname}` })
          : new HttpError(
              405,
              { error: 'method_not_allowed', message: `${method} is not allowed on ${match.template}` },
              { allow: match.allow.join(', ') },
            ),
    },
    sleep,
  );
}
