import type { FaultRule } from './faults';
import type { RuntimeConfig, SimAgentState, TenantConfig } from './types';

export interface CountsSnapshot {
  total: number;
  /** Keyed by `METHOD /route/template`, e.g. `GET /api/v2/agents/{agentId}/states`; `METHOD *` for no route. */
  byEndpoint: Record<string, number>;
}

/** A fault as sent: `times` defaults to 1, `retryAfter` may be a number of seconds. */
export type FaultRuleInput = Omit<FaultRule, 'times' | 'retryAfter'> & {
  times?: number;
  retryAfter?: string | number;
};

export type SimulatorSettings = RuntimeConfig & TenantConfig;

/** The /__sim/ controls every dialect has, typed by its settings (reset) and runtime config. */
export interface BaseSimulatorControl<Settings, Config> {
  counts(): Promise<CountsSnapshot>;
  /** Requests seen for one endpoint template, e.g. `count('POST /oauth/token')`; 0 when none. */
  count(endpoint: string): Promise<number>;
  /** Counts, faults, tokens and tenant back to the seed; settings kept unless overridden here. */
  reset(overrides?: Partial<Settings>): Promise<Settings>;
  config(): Promise<Config>;
  setConfig(changes: Partial<Config>): Promise<Config>;
  /** Appends rules; returns every rule still pending. */
  addFaults(...rules: FaultRuleInput[]): Promise<FaultRule[]>;
  faults(): Promise<FaultRule[]>;
  clearFaults(): Promise<void>;
  /** Every token issued so far answers 401 ("revoked") from now on; returns how many were live. */
  revokeTokens(): Promise<number>;
  /** Same, reported as expired. */
  expireTokens(): Promise<number>;
}

export interface SimulatorControl extends BaseSimulatorControl<SimulatorSettings, RuntimeConfig> {
  /** The agent holds exactly these skills, visible at once; `[]` logs the agent out. */
  setAgentStates(
    agentId: string,
    states: Array<{ skillId: string; activityId?: string }>,
  ): Promise<SimAgentState[]>;
}

export type ControlCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls `{baseUrl}/__sim{path}` with global fetch; a non-2xx answer throws with the body in the message. */
export function controlCaller(baseUrl: string): ControlCall {
  const base = baseUrl.replace(/\/+$/, '');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator control ${method} /__sim${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export function createBaseControl<Settings, Config>(
  call: ControlCall,
): BaseSimulatorControl<Settings, Config> {
  return {
    counts: () => call('GET', '/counts'),
    count: async (endpoint) => (await call<CountsSnapshot>('GET', '/counts')).byEndpoint[endpoint] ?? 0,
    reset: (overrides) => call('POST', '/reset', overrides ?? {}),
    config: () => call('GET', '/config'),
    setConfig: (changes) => call('POST', '/config', changes),
    addFaults: async (...rules) => (await call<{ rules: FaultRule[] }>('POST', '/faults', { rules })).rules,
    faults: async () => (await call<{ rules: FaultRule[] }>('GET', '/faults')).rules,
    clearFaults: () => call('DELETE', '/faults'),
    revokeTokens: async () => (await call<{ invalidated: number }>('POST', '/tokens/revoke')).invalidated,
    expireTokens: async () => (await call<{ invalidated: number }>('POST', '/tokens/expire')).invalidated,
  };
}

/** Typed client for the simulator's /__sim/ endpoints, for tests and benchmarks. Uses global fetch. */
export function createSimulatorControl(baseUrl: string): SimulatorControl {
  const call = controlCaller(baseUrl);
  return {
    ...createBaseControl<SimulatorSettings, RuntimeConfig>(call),
    setAgentStates: async (agentId, states) =>
      (
        await call<{ states: SimAgentState[] }>('PUT', `/agents/${encodeURIComponent(agentId)}/states`, {
          states,
        })
      ).states,
  };
}
