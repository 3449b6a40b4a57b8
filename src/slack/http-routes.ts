import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

/**
 * GET /healthz, /readyz and /metrics. In HTTP mode they are Bolt custom routes on the same port as
 * /slack/events; in Socket Mode nothing else listens on PORT, so `serveRoutes` runs them on a plain server.
 */

/** A check's state by name; never an error text, since /readyz answers anyone who can reach the port. */
export type CheckState = 'ok' | 'failing' | 'timed_out';

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckState>;
}

export interface RouteDeps {
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** A readiness probe must answer even when CXone hangs. */
  readinessTimeoutMs?: number;
  /** How long a failed result is answered again without checking (default 5 s). */
  failureCacheMs?: number;
  now?: () => number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * /readyz as a probe that cannot be turned against CXone: concurrent probes share one check, and a failed
 * result is answered again for `failureCacheMs` without checking, so a load balancer probing every second
 * while the token endpoint fails causes one token request per period, not one (or four) per probe. A
 * success is not kept: the next probe checks again, so an outage shows at once.
 */
export function createReadinessProbe(deps: RouteDeps): () => Promise<Readiness> {
  const now = deps.now ?? Date.now;
  const failureCacheMs = deps.failureCacheMs ?? 5000;
  let failed: { result: Readiness; at: number } | undefined;
  let running: Promise<Readiness> | undefined;
  return () => {
    if (failed && now() - failed.at < failureCacheMs) return Promise.resolve(failed.result);
    running ??= checkReadiness(deps)
      .then((result) => {
        failed = result.ok ? undefined : { result, at: now() };
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}

async function checkReadiness(deps: RouteDeps): Promise<Readiness> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, checks: { readiness: 'timed_out' } }),
      deps.readinessTimeoutMs ?? 5000,
    );
  });
  try {
    return await Promise.race([deps.readiness(), timeout]);
  } catch (err) {
    deps.logger.warn({ err }, 'readiness check failed');
    return { ok: false, checks: { readiness: 'failing' } };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: RouteDeps): CustomRoute[] {
  const probe = createReadinessProbe(deps);
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => json(res, 200, { ok: true }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        void probe().then((r) => json(res, r.ok ? 200 : 503, r));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        deps.metrics.render().then(
          (text) => {
            res.writeHead(200, { 'content-type': deps.metrics.contentType });
            res.end(text);
          },
          (err) => {
            deps.logger.error({ err }, 'could not render metrics');
            json(res, 500, { ok: false });
          },
        );
      },
    },
  ];
}

/** A plain node:http server for the same routes (Socket Mode). */
export function serveRoutes(routes: CustomRoute[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path);
    const methods = route ? [route.method].flat().map((m) => m.toUpperCase()) : [];
    if (!route) return json(res, 404, { ok: false, error: 'not_found' });
    if (!methods.includes(req.method ?? 'GET'))
      return json(res, 405, { ok: false, error: 'method_not_allowed' });
    route.handler(Object.assign(req, { params: {} }), res);
  });
}
