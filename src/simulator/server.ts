import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimContext } from './context';
import { type FaultRule, faultErrorName } from './faults';
import { HttpError, sendJson } from './http';
import { type RouteMatch, Router } from './router';
import { registerAgents } from './routes/agents';
import { registerCatalog } from './routes/catalog';
import { registerControl } from './routes/control';
import { registerOAuth } from './routes/oauth';
import { SEEDED_CLIENTS } from './seed-data';
import type { TenantView } from './tenant';
import {
  DEFAULTS,
  type RuntimeConfig,
  type SeededClient,
  type SimulatorOptions,
  type TenantConfig,
} from './types';

export interface RunningSimulator {
  /** Base URL to use as CXONE_BASE_URL, e.g. `http://127.0.0.1:49321`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The client with every scope the app needs. */
  demo: { clientId: string; clientSecret: string };
  /** Every seeded OAuth client with its scopes (demo, read-only, write-only, no scopes). */
  clients: readonly SeededClient[];
  /** The current tenant (a new one after `POST /__sim/reset`). */
  readonly tenant: TenantView;
  /** The current settings, including changes made through /__sim/config and /__sim/reset. */
  readonly config: Readonly<RuntimeConfig & TenantConfig>;
}

/** Starts a CXone server speaking the seed dialect (DESIGN.md) with a seeded tenant. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new SimContext(
    {
      propagationDelayMs: opts.propagationDelayMs ?? DEFAULTS.propagationDelayMs,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
      latencyMs: opts.latencyMs ?? DEFAULTS.latencyMs,
    },
    { seed: opts.seed ?? DEFAULTS.seed, agentCount: opts.agentCount ?? DEFAULTS.agentCount },
  );
  const api = new Router();
  registerOAuth(api, sim);
  registerAgents(api, sim);
  registerCatalog(api, sim);
  const control = new Router();
  registerControl(control, sim);

  // Latency and fault delays are plain timers; close() clears them so a hanging request cannot hold it up.
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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

  const server = createServer({ noDelay: true }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const demo = SEEDED_CLIENTS[0] as SeededClient;

  return {
    url: `http://${urlHost(opts.host ?? '127.0.0.1')}:${port}`,
    port,
    demo: { clientId: demo.clientId, clientSecret: demo.clientSecret },
    clients: SEEDED_CLIENTS,
    get tenant() {
      return sim.tenant;
    },
    get config() {
      return { ...sim.tenantConfig, ...sim.config };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
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

/** A wildcard bind address is not something a client can dial; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
