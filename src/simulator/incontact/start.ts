import { listen } from '../listen';
import { IncontactContext } from './context';
import { INCONTACT_DEFAULTS } from './decisions';
import { createIncontactHandler } from './handler';
import type { IncontactTenantView } from './tenant';
import type { AppRegistration, IncontactSettings, IncontactSimulatorOptions, SeededAccessKey } from './types';

/** Everything a client of this dialect needs to connect (CXONE_CLIENT_* and CXONE_ACCESS_KEY_*). */
export interface IncontactCredentials {
  clientId: string;
  clientSecret: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface RunningIncontactSimulator {
  dialect: 'incontact';
  /** Both CXONE_AUTH_URL and the discovered `api_endpoint`, e.g. `http://127.0.0.1:49321`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The application that accepts Basic and form credentials, with the access key allowed to impersonate. */
  demo: IncontactCredentials;
  /** Registered applications: one accepts HTTP Basic and form credentials, one only form credentials. */
  applications: readonly AppRegistration[];
  /** Access keys: may impersonate, may not, and a role without agent permissions. */
  accessKeys: readonly SeededAccessKey[];
  /** The current tenant (a new one after `POST /__sim/reset`). */
  readonly tenant: IncontactTenantView;
  /** The current settings, including changes made through /__sim/config and /__sim/reset. */
  readonly config: Readonly<IncontactSettings>;
}

export async function startIncontactSimulator(
  opts: IncontactSimulatorOptions,
): Promise<RunningIncontactSimulator> {
  const d = INCONTACT_DEFAULTS;
  const sim = new IncontactContext(
    {
      propagationDelayMs: opts.propagationDelayMs ?? d.propagationDelayMs,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? d.tokenTtlSeconds,
      latencyMs: opts.latencyMs ?? d.latencyMs,
      noChangeStatus: opts.noChangeStatus ?? d.noChangeStatus,
      sessionInProgressStatus: opts.sessionInProgressStatus ?? d.sessionInProgressStatus,
    },
    { seed: opts.seed ?? d.seed, agentCount: opts.agentCount ?? d.agentCount },
  );
  const server = await listen((sleep) => createIncontactHandler(sim, sleep), opts);
  sim.baseUrl = server.url;
  const app = sim.applications[0] as AppRegistration;
  const key = sim.accessKeys[0] as SeededAccessKey;

  return {
    dialect: 'incontact',
    url: server.url,
    port: server.port,
    demo: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
    },
    applications: sim.applications,
    accessKeys: sim.accessKeys,
    get tenant() {
      return sim.tenant;
    },
    get config() {
      return sim.settings;
    },
    close: server.close,
  };
}
