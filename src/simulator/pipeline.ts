import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { type FaultRule, faultErrorName } from './faults';
import { HttpError, sendJson } from './http';
import { type RouteMatch, Router } from './router';
import { registerAgents } from './routes/agents';
import { registerCatalog } from './routes/catalog';
import { registerControl } from './routes/control';
import { registerOAuth } from './routes/oauth';

/**
 * What happens to every request: a request id; then, for the API (not /__sim/), counting by route
 * template, global latency and fault injection — in that order, so a faulted request is still counted —
 * and finally the route.
 */
export function createRequestHandler(sim: SimContext, sleep: (ms: number) => Promise<void>) {
  const api = new Router();
  registerOAuth(api, sim);
  registerAgents(api, sim);
  registerCatalog(api, sim);
  const control = new Router();
  registerControl(control, sim);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-request-id', randomUUID());
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      if (pathname === '/__sim' || pathname.startsWith('/__sim/'))
        return await dispatch(control.match(method, pathname), req, res, url, method);

      const match = api.match(method, pathname);
      const template = match.kind === 'none' ? undefined : match.template;
      sim.counts.record(`${method} ${template ?? '*'}`);
      if (sim.config.latencyMs > 0) await sleep(sim.config.latencyMs);
      const fault = sim.faults.take(method, pathname, template);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status !== undefined) return sendFault(res, fault, fault.status, pathname);
      await dispatch(match, req, res, url, method);
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
      sendJson(res, 500, { error: 'internal_error', message: String(error) });
    }
  };
}

async function dispatch(
  match: RouteMatch,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
) {
  if (match.kind === 'none')
    throw new HttpError(404, { error: 'not_found', message: `no route for ${method} ${url.pathname}` });
  if (match.kind === 'wrong_method')
    throw new HttpError(
      405,
      { error: 'method_not_allowed', message: `${method} is not allowed on ${match.template}` },
      { allow: match.allow.join(', ') },
    );
  await match.handler({ req, res, params: match.params, query: url.searchParams, now: Date.now() });
}

function sendFault(res: ServerResponse, fault: FaultRule, status: number, pathname: string) {
  const message = `injected fault: ${status}`;
  const body: Record<string, unknown> = { error: faultErrorName(status), message };
  // The token endpoint speaks OAuth's error shape.
  if (pathname === '/oauth/token') body.error_description = message;
  sendJson(res, status, body, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
}
