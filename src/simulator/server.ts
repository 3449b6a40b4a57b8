import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimContext } from './context';
import { createRequestHandler } from './pipeline';
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

  const handle = createRequestHandler(sim, sleep);
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

/** A wildcard bind address is not something a client can dial; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
