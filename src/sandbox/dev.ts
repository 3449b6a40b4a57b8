import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../config';
import type { Logger } from '../logger';
import { type RunningSimulator, startSimulator, type TenantView } from '../simulator';
import {
  ACTORS,
  AGENT_MEMBER_PREFIX,
  AUDIT_CHANNEL,
  createDemoWorkspace,
  MEMBER,
  SUPERVISOR,
  SUPERVISOR_GROUP,
} from './directory';
import type { Hint } from './page-stream';
import { type SandboxServer, startSandboxServer } from './server';
import type { Workspace } from './workspace';

/**
 * `agentstate dev`: the CXone simulator, the real Slack app and the sandbox page, wired together. The
 * app is started by the composition root (`startApp`) with an environment that differs from production
 * only in SLACK_API_URL, generated Slack credentials, and CXONE_* pointing at the simulator.
 */

export interface RunningApp {
  /** The port the app's HTTP receiver listens on. */
  port: number;
  stop(): Promise<void>;
}

export interface DevStackOptions {
  /** The sandbox page's port; default 3030, 0 picks a free one. */
  port?: number;
  host?: string;
  propagationDelayMs?: number;
  logger?: Logger;
  /** Variables passed through to the app (e.g. LOG_LEVEL, VERIFY_TIMEOUT_MS). */
  env?: Env;
  startApp(env: Env): Promise<RunningApp>;
}

export interface DevStack {
  /** Open this in a browser. */
  url: string;
  appUrl: string;
  sandbox: SandboxServer;
  workspace: Workspace;
  simulator: RunningSimulator;
  hints: Hint[];
  close(): Promise<void>;
}

/** The skill a "Log agent in" click uses, so the card offers the one-click login with its confirm dialog. */
const DEFAULT_SKILL = 'Billing';
const PASSED_THROUGH = [
  'LOG_LEVEL',
  'VERIFY_TIMEOUT_MS',
  'WATCH_INTERVAL_MS',
  'CXONE_DEFAULT_ACTIVITY',
  'DATABASE_URL',
];

export async function startDevStack(opts: DevStackOptions): Promise<DevStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const simulator = await startSimulator({ propagationDelayMs: opts.propagationDelayMs });
    cleanups.push(() => simulator.close());
    const workspace = createDemoWorkspace(simulator.tenant.agents);
    const hints = demoHints(simulator.tenant, workspace);
    const secrets = { botToken: `xoxb-sandbox-${hex(12)}`, signingSecret: hex(16) };
    const sandbox = await startSandboxServer({
      workspace,
      page: { actors: ACTORS, hints },
      ...secrets,
      port: opts.port ?? 3030,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    cleanups.push(() => sandbox.close());
    const app = await opts.startApp(appEnv(opts.env ?? {}, simulator, sandbox, secrets));
    cleanups.push(() => app.stop());
    const appUrl = `http://127.0.0.1:${app.port}/slack/events`;
    sandbox.connectApp(appUrl);
    return { url: sandbox.url, appUrl, sandbox, workspace, simulator, hints, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function appEnv(
  env: Env,
  simulator: RunningSimulator,
  sandbox: SandboxServer,
  secrets: { botToken: string; signingSecret: string },
): Env {
  const passed = Object.fromEntries(PASSED_THROUGH.filter((k) => env[k]).map((k) => [k, env[k]]));
  return {
    ...passed,
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: sandbox.apiUrl,
    PORT: '0',
    CXONE_BASE_URL: simulator.url,
    CXONE_CLIENT_ID: simulator.demo.clientId,
    CXONE_CLIENT_SECRET: simulator.demo.clientSecret,
    CXONE_DEFAULT_SKILL_ID: simulator.tenant.skillByName(DEFAULT_SKILL)?.id,
    // Membership comes from usergroups.users.list, so the page's switch exercises that path too.
    SUPERVISOR_USERGROUP_ID: SUPERVISOR_GROUP,
    AUDIT_CHANNEL_ID: AUDIT_CHANNEL.id,
    // The simulator starts fresh on every run, so by default the store does too (a file of its own, so the
    // app runs exactly as deployed); DATABASE_URL keeps one across runs.
    DATABASE_URL:
      env.DATABASE_URL ??
      `sqlite:${path.join(os.tmpdir(), `agentstate-sandbox-${process.pid}-${Date.now()}.db`)}`,
  };
}

/** A logged-out agent (for the login demo), a logged-in one, a mention, and the other subcommands. */
function demoHints(tenant: TenantView, ws: Workspace): Hint[] {
  const loggedOut = tenant.agents.find((a) => a.isActive && tenant.visibleStates(a.id).length === 0);
  const loggedIn = tenant.agents.find((a) => tenant.visibleStates(a.id).length > 0);
  const mentioned = [...ws.users.values()].find((u) => u.id.startsWith(AGENT_MEMBER_PREFIX));
  const hints: Hint[] = [];
  if (loggedOut)
    hints.push({
      command: `/agentstate ${loggedOut.id}`,
      note: `${loggedOut.firstName} ${loggedOut.lastName}, logged out`,
    });
  if (loggedIn) hints.push({ command: `/agentstate ${loggedIn.email}`, note: 'a logged-in agent' });
  if (mentioned)
    hints.push({ command: `/agentstate @${mentioned.name}`, note: 'a Slack mention, matched by email' });
  if (loggedOut) hints.push({ command: `/agentstate diagnose ${loggedOut.id}`, note: 'every check' });
  hints.push({ command: '/agentstate skills', note: 'skills and ids' });
  hints.push({ command: '/agentstate help', note: 'usage' });
  return hints;
}

export function describeDevStack(stack: DevStack): string {
  const sim = stack.simulator;
  const lines = [
    `agentstate sandbox: open ${stack.url}`,
    '',
    `  Slack app   ${stack.appUrl} (HTTP mode, SLACK_API_URL=${stack.sandbox.apiUrl})`,
    `  CXone       simulator at ${sim.url} (${sim.tenant.agents.length} agents, ` +
      `logins appear after ${sim.config.propagationDelayMs} ms)`,
    `  Acting as   ${SUPERVISOR.realName} (supervisor) or ${MEMBER.realName} (member): the switch on the page`,
    '',
    'Try in #supervisors:',
    ...stack.hints.map((h) => `  ${h.command.padEnd(56)} ${h.note}`),
    '',
    'Ctrl-C stops the sandbox, the app and the simulator.',
  ];
  return lines.join('\n');
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
