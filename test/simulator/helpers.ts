import {
  createSimulatorControl,
  type RunningSimulator,
  type SimulatorControl,
  type SimulatorOptions,
  startSimulator,
} from '../../src/simulator';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends a request and parses the JSON body when there is one. */
export async function send<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export async function requestToken(sim: RunningSimulator, clientId: string, clientSecret: string) {
  return fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
}

/** A token for a seeded client (the demo client by default). */
export async function tokenFor(sim: RunningSimulator, clientId = sim.demo.clientId): Promise<string> {
  const client = sim.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`no seeded client ${clientId}`);
  const res = await requestToken(sim, client.clientId, client.clientSecret);
  if (res.status !== 200) throw new Error(`token request answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One simulator per test file, reset (to the given options) before each test so tests do not leak
 * states, faults or tokens into each other.
 */
export function useSimulator(opts: SimulatorOptions = {}) {
  const ctx = {} as { sim: RunningSimulator; control: SimulatorControl; token: string };
  beforeAll(async () => {
    ctx.sim = await startSimulator({ propagationDelayMs: 300, ...opts });
    ctx.control = createSimulatorControl(ctx.sim.url);
  });
  beforeEach(async () => {
    await ctx.control.reset({
      propagationDelayMs: opts.propagationDelayMs ?? 300,
      latencyMs: opts.latencyMs ?? 0,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    });
    ctx.token = await tokenFor(ctx.sim);
  });
  afterAll(async () => {
    await ctx.sim?.close();
  });
  return ctx;
}

/** Tenant picks used across tests. */
export function pick(sim: RunningSimulator) {
  const t = sim.tenant;
  const skill = (name: string) => {
    const s = t.skillByName(name);
    if (!s) throw new Error(`no skill ${name}`);
    return s;
  };
  const activity = (name: string) => {
    const a = t.activityByName(name);
    if (!a) throw new Error(`no activity ${name}`);
    return a;
  };
  const loggedOut = () => {
    const a = t.agents.find((x) => x.isActive && t.visibleStates(x.id).length === 0);
    if (!a) throw new Error('no logged-out agent');
    return a;
  };
  const loggedIn = () => {
    const a = t.agents.find((x) => t.visibleStates(x.id).length > 0);
    if (!a) throw new Error('no logged-in agent');
    return a;
  };
  const inactive = () => {
    const a = t.agents.find((x) => !x.isActive);
    if (!a) throw new Error('no inactive agent');
    return a;
  };
  const login = (skillName: string, activityName = 'Available') => {
    const s = skill(skillName);
    return { skillId: s.id, stateId: t.loginStateId(s.id) as string, activityId: activity(activityName).id };
  };
  return { skill, activity, loggedOut, loggedIn, inactive, login };
}
