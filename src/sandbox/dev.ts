import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Env } from '../config';
import type { Logger } from '../logger';
import {
  type AnyRunningSimulator,
  type RunningIncontactSimulator,
  type RunningSimulator,
  startSimulator,
} from '../simulator';
import { incontactFlavour } from './dev-incontact';
import { v2Flavour } from './dev-v2';
import { AUDIT_CHANNEL, SUPERVISOR_GROUP } from './directory';
import { rows, type SandboxFlavour } from './flavour';
import type { Actor, Hint } from './page-stream';
import { type SandboxServer, startSandboxServer } from './server';
import type { Workspace } from './workspace';

/**
 * `agentstate dev`: the CXone simulator, the real Slack app and the sandbox page, wired together. The
 * app is started by the composition root (`startApp`) with an environment that differs from production
 * only in SLACK_API_URL, generated Slack credentials, and CXONE_* pointing at the simulator — in the
 * tutorial's dialect (v2, the default) or a real tenant's (incontact).
 */

export type DevDialect = 'v2' | 'incontact';

export interface RunningApp {
  /** The port the app's HTTP receiver listens on. */
  port: number;
  stop(): Promise<void>;
}

export interface DevStackOptions {
  /** The sandbox page's port; default 3030, 0 picks a free one. */
  port?: number;
  host?: string;
  /** Which CXone API the simulator speaks and the app uses; default v2. */
  dialect?: DevDialect;
  /** incontact: the app may start a session as the agent (CXONE_IMPERSONATION=1); default off. */
  impersonation?: boolean;
  propagationDelayMs?: number;
  logger?: Logger;
  /** Variables passed through to the app (e.g. LOG_LEVEL, VERIFY_TIMEOUT_MS). */
  env?: Env;
  startApp(env: Env): Promise<RunningApp>;
}

export interface DevStack<S extends AnyRunningSimulator = RunningSimulator> {
  /** Open this in a browser. */
  url: string;
  appUrl: string;
  dialect: S['dialect'];
  /** incontact: whether the app may start sessions as agents. */
  impersonation: boolean;
  sandbox: SandboxServer;
  workspace: Workspace;
  simulator: S;
  /** Who the page's switch can become. */
  actors: readonly Actor[];
  hints: Hint[];
  /** Agents worth trying and why, for the banner. */
  agentsToTry: ReadonlyArray<[string, string]>;
  /** The banner's lines about CXone. */
  cxoneLines: readonly string[];
  close(): Promise<void>;
}

export type AnyDevStack = DevStack<RunningSimulator> | DevStack<RunningIncontactSimulator>;
/** The stack a dialect starts. */
export type DevStackOf<D extends DevDialect> = D extends 'incontact'
  ? DevStack<RunningIncontactSimulator>
  : DevStack<RunningSimulator>;

const PASSED_THROUGH = [
  'LOG_LEVEL',
  'VERIFY_TIMEOUT_MS',
  'WATCH_INTERVAL_MS',
  'CXONE_DEFAULT_ACTIVITY',
  'DATABASE_URL',
];

export async function startDevStack<D extends DevDialect = 'v2'>(
  opts: DevStackOptions & { dialect?: D },
): Promise<DevStackOf<D>> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const impersonation = opts.dialect === 'incontact' && Boolean(opts.impersonation);
    const simulator =
      opts.dialect === 'incontact'
        ? await startSimulator({ dialect: 'incontact', propagationDelayMs: opts.propagationDelayMs })
        : await startSimulator({ propagationDelayMs: opts.propagationDelayMs });
    cleanups.push(() => simulator.close());
    const flavour =
      simulator.dialect === 'incontact'
        ? incontactFlavour(simulator, { impersonation })
        : v2Flavour(simulator);
    const { workspace, actors, hints } = flavour;
    const secrets = { botToken: `xoxb-sandbox-${hex(12)}`, signingSecret: hex(16) };
    const sandbox = await startSandboxServer({
      workspace,
      page: { actors, hints },
      ...secrets,
      port: opts.port ?? 3030,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(flavour.desk ? { desk: flavour.desk } : {}),
    });
    cleanups.push(() => sandbox.close());
    const app = await opts.startApp(appEnv(opts.env ?? {}, flavour, sandbox, secrets));
    cleanups.push(() => app.stop());
    const appUrl = `http://127.0.0.1:${app.port}/slack/events`;
    sandbox.connectApp(appUrl);
    const stack = {
      url: sandbox.url,
      appUrl,
      dialect: simulator.dialect,
      impersonation,
      sandbox,
      workspace,
      simulator,
      actors,
      hints,
      agentsToTry: flavour.agentsToTry,
      cxoneLines: flavour.cxoneLines,
      close: closeAll,
    };
    return stack as DevStackOf<D>;
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function appEnv(
  env: Env,
  flavour: SandboxFlavour,
  sandbox: SandboxServer,
  secrets: { botToken: string; signingSecret: string },
): Env {
  const passed = Object.fromEntries(PASSED_THROUGH.filter((k) => env[k]).map((k) => [k, env[k]]));
  return {
    ...flavour.defaults,
    ...passed,
    ...flavour.cxoneEnv,
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: sandbox.apiUrl,
    PORT: '0',
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

export function describeDevStack(stack: AnyDevStack): string {
  const name = (userId: string) => stack.workspace.users.get(userId)?.realName ?? userId;
  const byRole = (role: Actor['role']) =>
    stack.actors.filter((a) => a.role === role).map((a) => name(a.userId));
  const agents = byRole('agent');
  const acting = [
    ...byRole('supervisor').map((n) => `${n} (supervisor)`),
    ...byRole('member').map((n) => `${n} (member)`),
    ...(agents.length
      ? [`an agent (${agents.slice(0, 3).join(', ')}${agents.length > 3 ? ', …' : ''})`]
      : []),
  ];
  const [cxone, ...moreCxone] = stack.cxoneLines;
  const lines = [
    `agentstate sandbox (${stack.dialect} dialect): open ${stack.url}`,
    '',
    `  Slack app   ${stack.appUrl} (HTTP mode, SLACK_API_URL=${stack.sandbox.apiUrl})`,
    `  CXone       ${cxone ?? ''}`,
    ...moreCxone.map((l) => `              ${l}`),
    `  Acting as   ${joinOr(acting)}: the switch on the page`,
    ...(stack.agentsToTry.length ? ['', 'Agents to try:', ...rows(stack.agentsToTry)] : []),
    '',
    'Try in #supervisors:',
    ...stack.hints.map((h) => `  ${h.command.padEnd(56)} ${h.note}`),
    '',
    'Ctrl-C stops the sandbox, the app and the simulator.',
  ];
  return lines.join('\n');
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
