import { SimContext } from './context';
import type { RunningIncontactSimulator } from './incontact/start';
import { startIncontactSimulator } from './incontact/start';
import type { IncontactSimulatorOptions } from './incontact/types';
import { listen } from './listen';
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
  dialect: 'v2';
  /** Base URL to use as CXONE_BASE_URL, e.g. `http://127.0.0.1:49321`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /**
   * The client with every scope the app needs. v2 has no access keys; the fields exist (undefined) so code
   * holding a simulator of either dialect can read them.
   */
  demo: { clientId: string; clientSecret: string; accessKeyId?: undefined; accessKeySecret?: undefined };
  /** Every seeded OAuth client with its scopes (demo, read-only, write-only, no scopes). */
  clients: readonly SeededClient[];
  /** The current tenant (a new one after `POST /__sim/reset`). */
  readonly tenant: TenantView;
  /** The current settings, including changes made through /__sim/config and /__sim/reset. */
  readonly config: Readonly<RuntimeConfig & TenantConfig>;
}

export type { RunningIncontactSimulator };
export type AnyRunningSimulator = RunningSimulator | RunningIncontactSimulator;
export type SimulatorDialect = AnyRunningSimulator['dialect'];
export type StartSimulatorOptions =
  | (SimulatorOptions & { dialect?: 'v2' })
  | (IncontactSimulatorOptions & { dialect: 'incontact' });

/**
 * Starts a CXone server with a seeded tenant, speaking the seed dialect of DESIGN.md (`v2`, the default)
 * or NICE CXone's `incontact` dialect (CXONE-INCONTACT.md).
 */
export function startSimulator(opts?: SimulatorOptions & { dialect?: 'v2' }): Promise<RunningSimulator>;
export function startSimulator(
  opts: IncontactSimulatorOptions & { dialect: 'incontact' },
): Promise<RunningIncontactSimulator>;
export function startSimulator(opts: StartSimulatorOptions): Promise<AnyRunningSimulator>;
export async function startSimulator(opts: StartSimulatorOptions = {}): Promise<AnyRunningSimulator> {
  if (opts.dialect === 'incontact') return startIncontactSimulator(opts);
  return startV2Simulator(opts);
}

async function startV2Simulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const sim = new SimContext(
    {
      propagationDelayMs: opts.propagationDelayMs ?? DEFAULTS.propagationDelayMs,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
      latencyMs: opts.latencyMs ?? DEFAULTS.latencyMs,
    },
    { seed: opts.seed ?? DEFAULTS.seed, agentCount: opts.agentCount ?? DEFAULTS.agentCount },
  );
  const server = await listen((sleep) => createRequestHandler(sim, sleep), opts);
  const demo = SEEDED_CLIENTS[0] as SeededClient;

  return {
    dialect: 'v2',
    url: server.url,
    port: server.port,
    demo: { clientId: demo.clientId, clientSecret: demo.clientSecret },
    clients: SEEDED_CLIENTS,
    get tenant() {
      return sim.tenant;
    },
    get config() {
      return { ...sim.tenantConfig, ...sim.config };
    },
    close: server.close,
  };
}
