import { request } from 'node:http';
import {
  createIncontactControl,
  type IncontactSimulatorControl,
  type IncontactSimulatorOptions,
  type RunningIncontactSimulator,
  type SeededAccessKey,
  startSimulator,
} from '../../../src/simulator';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  statusText: string;
  body: T;
  text: string;
  headers: Headers;
}

export const API = '/inContactAPI/services/v27.0';

/** Sends a request and parses the body as JSON when it is JSON. */
export async function send<T = Record<string, unknown>>(
  url: string,
  init: {
    method?: string;
    token?: string;
    json?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: res.status,
    statusText: res.statusText,
    body: (isJson && text ? JSON.parse(text) : undefined) as T,
    text,
    headers: res.headers,
  };
}

/**
 * A GET with exactly these headers. Node's fetch adds `Accept: *\/*` when none is given, so the
 * "no Accept header" case needs node:http.
 */
export function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; contentType?: string; body: string }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** `POST /auth/token` with the given form, client credentials as Basic when `basic` is given. */
export function tokenRequest(
  sim: RunningIncontactSimulator,
  form: Record<string, string>,
  basic?: { clientId: string; clientSecret: string },
) {
  const headers: Record<string, string> = {};
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64')}`;
  return send<Record<string, string | number>>(`${sim.url}/auth/token`, { method: 'POST', form, headers });
}

/** An access token for a seeded access key (the demo key by default), the demo application as Basic. */
export async function tokenFor(sim: RunningIncontactSimulator, key: SeededAccessKey = demoKey(sim)) {
  const res = await tokenRequest(
    sim,
    { grant_type: 'password', username: key.accessKeyId, password: key.accessKeySecret },
    sim.demo,
  );
  if (res.status !== 200) throw new Error(`token request answered ${res.status}: ${res.text}`);
  return String(res.body.access_token);
}

export const demoKey = (sim: RunningIncontactSimulator) => sim.accessKeys[0] as SeededAccessKey;
export const keyWithout = (sim: RunningIncontactSimulator, permission: string) => {
  const key = sim.accessKeys.find((k) => !(k.permissions as readonly string[]).includes(permission));
  if (!key) throw new Error(`no access key without ${permission}`);
  return key;
};

/** The payload of a JWT, unverified. */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One incontact simulator per test file, reset before each test (to the given options) so tests do not
 * leak states, sessions, faults or tokens into each other. Short propagation delay by default.
 */
export function useIncontact(opts: IncontactSimulatorOptions = {}) {
  const settings = {
    seed: 42,
    agentCount: 60,
    propagationDelayMs: 200,
    latencyMs: 0,
    tokenTtlSeconds: 3600,
    noChangeStatus: 304,
    sessionInProgressStatus: 409,
    ...opts,
  } as const;
  const ctx = {} as {
    sim: RunningIncontactSimulator;
    control: IncontactSimulatorControl;
    token: string;
    /** `{sim.url}/inContactAPI/services/v27.0{path}` */
    api(path: string): string;
  };
  beforeAll(async () => {
    ctx.sim = await startSimulator({ dialect: 'incontact', ...settings });
    ctx.control = createIncontactControl(ctx.sim.url);
    ctx.api = (path) => `${ctx.sim.url}${API}${path}`;
  });
  beforeEach(async () => {
    await ctx.control.reset(settings);
    ctx.token = await tokenFor(ctx.sim);
  });
  afterAll(async () => {
    await ctx.sim?.close();
  });
  return ctx;
}

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(25);
    value = await read();
  }
  return value;
}
