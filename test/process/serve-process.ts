import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');

export const SECRET = 'process-test-secret';

/**
 * The environment of `agentstate serve` against a simulator and a fake Slack: Billing as the default skill
 * (so "Log agent in" confirms instead of opening a form), the given supervisors and database.
 */
export function serveEnv(
  sim: {
    url: string;
    demo: { clientId: string; clientSecret: string };
    tenant: { skillByName(n: string): { id: string } | undefined };
  },
  slackApiUrl: string,
  opts: { supervisors: string[]; databaseUrl: string; extra?: Record<string, string> },
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApiUrl,
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: sim.demo.clientSecret,
    CXONE_DEFAULT_SKILL_ID: sim.tenant.skillByName('Billing')!.id,
    SUPERVISOR_USER_IDS: opts.supervisors.join(','),
    DATABASE_URL: opts.databaseUrl,
    ...opts.extra,
  };
}

/** `agentstate serve` from the built output, in its own process, so it can be killed like a real one. */
export interface ServeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startServe(env: Record<string, string>, port: number): Promise<ServeProcess> {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: npm test builds it first (pretest), or run npm run build`);
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null)
      throw new Error(`agentstate serve exited with ${child.exitCode}:\n${output}`);
    return (
      (await fetch(`${url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)) || undefined
    );
  }, 20_000);
  return {
    url,
    port,
    child,
    output: () => output,
    kill: (signal) =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Block {
  type: string;
  elements?: Array<{ type: string; action_id?: string; value?: string; text?: { text?: string } }>;
  accessory?: { type: string; action_id?: string; value?: string; text?: { text?: string } };
}

/** The button whose label contains `label`, from a message body as posted to a response_url. */
export function findButton(
  body: { blocks?: Block[] },
  label: string,
): { actionId: string; value: string } | undefined {
  for (const block of body.blocks ?? []) {
    for (const el of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (el.type === 'button' && el.text?.text?.includes(label) && el.action_id) {
        return { actionId: el.action_id, value: el.value ?? '' };
      }
    }
  }
  return undefined;
}

export function textOf(body: unknown): string {
  return JSON.stringify(body);
}
