import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { createLogger } from '../../src/logger';
import { startDev } from '../../src/main';
import {
  ACTORS,
  createDemoWorkspace,
  type DevStack,
  type DevStackOf,
  type Message,
  type SandboxServer,
  startSandboxServer,
  type Workspace,
} from '../../src/sandbox';

/** Helpers for the sandbox tests: the server alone with a controllable clock, or the whole dev stack. */

export const TOKEN = 'xoxb-sandbox-test';
export const SECRET = 'sandbox-test-signing-secret';
export const CHANNEL = 'C0SUPERVISORS';

const AGENTS = [
  { firstName: 'Ana', lastName: 'Silva', email: 'ana.silva@example.com', isActive: true },
  { firstName: 'Ben', lastName: 'Okafor', email: 'ben.okafor@example.com', isActive: true },
];

export interface Clock {
  now: number;
}

export interface Sandbox {
  server: SandboxServer;
  ws: Workspace;
  clock: Clock;
  /** The Web API client the app uses (@slack/web-api through Bolt), pointed at the sandbox. */
  client: webApi.WebClient;
  ui<T = Record<string, unknown>>(name: string, body: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startSandbox(): Promise<Sandbox> {
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const ws = createDemoWorkspace(AGENTS, now);
  const server = await startSandboxServer({
    workspace: ws,
    page: { actors: ACTORS, hints: [] },
    botToken: TOKEN,
    signingSecret: SECRET,
    now,
  });
  const client = new webApi.WebClient(TOKEN, {
    slackApiUrl: server.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  return {
    server,
    ws,
    clock,
    client,
    ui: (name, body) => postJson(`${server.url}/ui/${name}`, body),
    close: () => server.close(),
  };
}

export async function postJson<T = Record<string, unknown>>(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for the app's request URL: records every request and answers with `reply`. */
export interface Capture {
  url: string;
  requests: Captured[];
  reply: (req: Captured) => { status: number; body: string };
  close(): Promise<void>;
}

export async function startCapture(): Promise<Capture> {
  const capture: Capture = {
    url: '',
    requests: [],
    reply: () => ({ status: 200, body: '' }),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      capture.requests.push(captured);
      const answer = capture.reply(captured);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  capture.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return capture;
}

/** The whole of `agentstate dev` on free ports, quiet. */
export function startStack(env: Record<string, string> = {}): Promise<DevStack> {
  return startDev({ LOG_LEVEL: 'silent', ...env }, { port: 0, logger: createLogger({ level: 'silent' }) });
}

/** `agentstate dev --dialect incontact [--impersonation]` on free ports, quiet. */
export function startIncontactStack(
  env: Record<string, string> = {},
  opts: { impersonation?: boolean } = {},
): Promise<DevStackOf<'incontact'>> {
  return startDev(
    { LOG_LEVEL: 'silent', ...env },
    {
      port: 0,
      logger: createLogger({ level: 'silent' }),
      dialect: 'incontact',
      impersonation: opts.impersonation ?? false,
    },
  );
}

/** An active agent the simulator shows with no state, other than those in `exclude`. */
export function loggedOutAgent(stack: DevStack, exclude: string[] = []) {
  const tenant = stack.simulator.tenant;
  const agent = tenant.agents.find(
    (a) => a.isActive && !exclude.includes(a.id) && tenant.visibleStates(a.id).length === 0,
  );
  if (!agent) throw new Error('the seeded tenant has no logged-out agent');
  return agent;
}

/** Polls until `probe` returns something; no fixed sleeps. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every string in a message (text and blocks), for assertions that do not depend on layout. */
export function allText(message: Message | undefined): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(message ? { text: message.text, blocks: message.blocks } : undefined);
  return out.join('\n');
}

/** The message a member sees in the channel that contains `text`. */
export function seenBy(ws: Workspace, userId: string, text: string | RegExp): Message | undefined {
  return ws.visibleTo(userId).find((m) => {
    const all = allText(m);
    return typeof text === 'string' ? all.includes(text) : text.test(all);
  });
}

export function findElement(message: Message | undefined, actionId: string) {
  for (const block of message?.blocks ?? []) {
    const elements = [
      ...((block.elements as Record<string, unknown>[]) ?? []),
      block.accessory as Record<string, unknown> | undefined,
    ];
    const element = elements.find((e) => e?.action_id === actionId);
    if (element) return { blockId: String(block.block_id), element };
  }
  return undefined;
}
