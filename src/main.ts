import os from 'node:os';
import { createAgentStateService } from './agentstate';
import { sessionDoctor, v2Doctor } from './agentstate/doctor';
import { type CxonePort, systemClock } from './agentstate/ports';
import { createSessionService, type SessionCxonePort, type SessionService } from './agentstate/sessions';
import type { AgentStateService } from './agentstate/types';
import { type CliContext, runCli } from './cli';
import { CliExit, ExitCode } from './cli/io';
import { type Config, type Env, loadConfig, loadServeConfig } from './config';
import { createCxoneClient, createIncontactClient } from './cxone';
import { createLogger, type Logger } from './logger';
import type { DevDialect, DevStackOf } from './sandbox';
import { describeSimulator, startSimulator } from './simulator';
import { createStoreOperationGuard, openStore, processOwnerId, type Store } from './store';

/**
 * The composition root: the only module that reads `process.env` and wires the layers together.
 * Everything else receives its collaborators through factories.
 */

/**
 * The service layer over CXone in the configured dialect (the built-in simulator's when CXONE_SIMULATOR=1,
 * closed with it): the skill-login model for the tutorial's v2 API, the session model for a real tenant.
 */
export type Runtime = V2Runtime | SessionRuntime;

export interface V2Runtime {
  dialect: 'v2';
  cxone: CxonePort;
  service: AgentStateService;
  close(): Promise<void>;
}

export interface SessionRuntime {
  dialect: 'incontact';
  cxone: SessionCxonePort;
  sessions: SessionService;
  close(): Promise<void>;
}

export interface RuntimeHooks {
  onCxoneRequest?: Parameters<typeof createCxoneClient>[0]['onRequest'];
}

export async function buildRuntime(
  config: Config,
  logger: Logger,
  hooks: RuntimeHooks = {},
): Promise<Runtime> {
  const { dialect } = config.cxone;
  const simulator = config.cxone.simulator ? await startSimulator({ port: 0, dialect }) : undefined;
  if (simulator)
    logger.info({ url: simulator.url, dialect }, 'CXONE_SIMULATOR=1: using the built-in CXone simulator');
  const closeSimulator = async () => {
    await simulator?.close();
  };
  const cxoneLogger = logger.child({ component: 'cxone' });
  if (dialect === 'incontact') {
    const demo = simulator?.demo;
    const cxone = createIncontactClient({
      authUrl: simulator?.url ?? config.cxone.authUrl,
      baseUrl: simulator ? undefined : config.cxone.baseUrl,
      clientId: (demo?.clientId ?? config.cxone.clientId) as string,
      clientSecret: (demo?.clientSecret ?? config.cxone.clientSecret) as string,
      accessKeyId: (demo?.accessKeyId ?? config.cxone.accessKeyId) as string,
      accessKeySecret: (demo?.accessKeySecret ?? config.cxone.accessKeySecret) as string,
      apiVersion: config.cxone.apiVersion,
      logger: cxoneLogger,
      onRequest: hooks.onCxoneRequest,
    });
    const sessions = createSessionService({
      cxone,
      clock: systemClock,
      logger: logger.child({ component: 'agentstate' }),
      verifyTimeoutMs: config.verifyTimeoutMs,
      impersonation: config.cxone.impersonation,
    });
    return {
      dialect,
      cxone,
      sessions,
      async close() {
        cxone.close();
        await closeSimulator();
      },
    };
  }
  const credentials = simulator
    ? { baseUrl: simulator.url, ...simulator.demo }
    : {
        baseUrl: config.cxone.baseUrl,
        clientId: config.cxone.clientId,
        clientSecret: config.cxone.clientSecret,
      };
  const cxone = createCxoneClient({
    baseUrl: credentials.baseUrl!,
    clientId: credentials.clientId!,
    clientSecret: credentials.clientSecret!,
    logger: cxoneLogger,
    onRequest: hooks.onCxoneRequest,
  });
  const service = createAgentStateService({
    cxone,
    logger: logger.child({ component: 'agentstate' }),
    defaults: { skillId: config.cxone.defaultSkillId, activity: config.cxone.defaultActivity },
    verifyTimeoutMs: config.verifyTimeoutMs,
  });
  return {
    dialect,
    cxone,
    service,
    async close() {
      cxone.close();
      await closeSimulator();
    },
  };
}

/** Resolves when SIGINT or SIGTERM arrives. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(sig);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export interface RunningApp {
  port: number;
  /**
   * Graceful stop: no new work; changes in flight finish within `SHUTDOWN_GRACE_MS` or are left to
   * recovery; the watcher lease released; then the store closes.
   */
  stop(): Promise<void>;
}

/**
 * How long a stop waits for changes in flight to finish and report. Inside Docker's default 10 s between
 * SIGTERM and SIGKILL, with room for the rest of the shutdown.
 */
export const SHUTDOWN_GRACE_MS = 7_000;

/**
 * The Slack app with everything behind it: the store (subscriptions, audit, in-flight operations, lease),
 * the CXone runtime, recovery of operations a dead process left, and the watcher. Used by `serve` and by
 * the sandbox (`dev`), so both run exactly the same app.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  // Loaded here rather than at the top so CLI commands do not pay for loading Bolt.
  const [
    { createMetrics },
    slackModule,
    recovery,
    watch,
    { createWatcherRunner },
    { createWatchEngine, createSessionWatchEngine },
  ] = await Promise.all([
    import('./metrics'),
    import('./slack/app'),
    import('./slack/recovery'),
    import('./slack/watch-notifier'),
    import('./watcher'),
    import('./agentstate/watch'),
  ]);
  // Fails with a message naming DATABASE_URL before anything else starts.
  const store = await openStore(config.databaseUrl, { logger: logger.child({ component: 'store' }) });
  const metrics = createMetrics();
  const runtime = await buildRuntime(config, logger, { onCxoneRequest: metrics.onCxoneRequest });
  // Unique to this process, so two replicas with the same host name and port never claim each other's
  // work; its replica part (host and port) lets a restart find what its previous process left.
  const owner = processOwnerId(
    config.slack.port ? `${os.hostname()}:${config.slack.port}` : `${os.hostname()}:${process.pid}`,
  );
  const guard = createStoreOperationGuard(store, {
    owner,
    logger: logger.child({ component: 'operations' }),
  });
  // Names and states only: /readyz answers anyone who reaches the port, so CXone's error text goes to the
  // log, never into the body. The Slack app keeps a failed answer for a few seconds (http-routes.ts).
  const readiness = async () => {
    const [cxoneToken, database] = await Promise.all([
      // One attempt: while the token endpoint fails, a probe must not become several token requests.
      runtime.cxone.tokenInfo({ retry: false }).then(
        () => 'ok' as const,
        (err: unknown) => {
          logger.warn({ err }, 'not ready: no CXone token');
          return 'failing' as const;
        },
      ),
      // Pings the database and refreshes the app's own health signal, so a quiet replica turns green again.
      slack.checkStore().then((ok) => (ok ? ('ok' as const) : ('failing' as const))),
    ]);
    return { ok: cxoneToken === 'ok' && database === 'ok', checks: { cxoneToken, store: database } };
  };
  const slack = slackModule.createSlackApp({
    config,
    ...(runtime.dialect === 'v2' ? { service: runtime.service } : { sessions: runtime.sessions }),
    guard,
    logger,
    metrics,
    readiness,
    store,
  });
  const stopAll = async () => {
    await runtime.close();
    await store.close();
  };
  const client = slack.app.client;
  // The first sweep takes back what this replica's previous process left before serving; later sweeps
  // finish what any dead process left once its claim has lapsed. Live operations keep their claims fresh.
  const sweeps = recovery.startOperationRecovery({
    store,
    ...(runtime.dialect === 'v2'
      ? { service: runtime.service }
      : { resume: (op: Parameters<SessionService['resume']>[0]) => runtime.sessions.resume(op) }),
    client,
    logger: logger.child({ component: 'recovery' }),
    owner,
    verifyTimeoutMs: config.verifyTimeoutMs,
    audit: slack.audit,
  });
  await sweeps.claimed;
  let port: number;
  try {
    ({ port } = await slack.start());
  } catch (err) {
    await sweeps.stop();
    await stopAll();
    throw err;
  }
  // One runner and lease for either dialect; the engine and its notices are the dialect's.
  const watcherLogger = logger.child({ component: 'watcher' });
  const watcher = createWatcherRunner({
    engine:
      runtime.dialect === 'v2'
        ? createWatchEngine({
            cxone: runtime.cxone,
            store,
            notifier: watch.createSlackWatchNotifier({
              client,
              service: runtime.service,
              store,
              logger,
              clock: systemClock,
            }),
            clock: systemClock,
            logger: watcherLogger,
            catalog: { skills: () => runtime.service.listSkills() },
          })
        : createSessionWatchEngine({
            cxone: runtime.cxone,
            store,
            notifier: (await import('./slack/sessions/watch-notifier')).createSessionWatchNotifier({
              client,
              capabilities: runtime.sessions.capabilities,
              store,
              logger,
              clock: systemClock,
            }),
            clock: systemClock,
            logger: watcherLogger,
          }),
    store,
    holderId: owner,
    intervalMs: config.watchIntervalMs,
    logger: watcherLogger,
  });
  watcher.start();
  logger.info({ port, socketMode: config.slack.socketMode, owner }, 'agentstate is running');
  return {
    port,
    async stop() {
      await slack.stop();
      // The store stays open until every change in flight has settled: each either finishes and reports
      // within the grace period, or stops before reporting and is left to recovery — one result either way.
      const { leftToRecovery } = await guard.drain(SHUTDOWN_GRACE_MS);
      if (leftToRecovery > 0) logger.info({ leftToRecovery }, 'changes in flight left for recovery');
      await Promise.all([sweeps.stop(), watcher.stop()]);
      await stopAll();
    },
  };
}

export async function serve(env: Env): Promise<void> {
  const config = loadServeConfig(env);
  const logger = createLogger({ level: config.logLevel });
  // A stray async error is logged rather than ending the process (and every change in flight with it).
  const { logStrayErrors } = await import('./slack/stray-errors');
  const stopLogging = logStrayErrors(logger);
  const app = await startApp(config, logger);
  const signal = await untilSignal();
  logger.info({ signal }, 'shutting down');
  await app.stop();
  stopLogging();
}

/**
 * The local sandbox: simulator, the real Slack app and a page standing in for Slack, in either CXone
 * dialect. Exported for the browser test, which runs exactly what `agentstate dev` runs.
 */
export async function startDev<D extends DevDialect = 'v2'>(
  env: Env,
  opts: { port: number; logger?: Logger; dialect?: D; impersonation?: boolean },
): Promise<DevStackOf<D>> {
  const logger = opts.logger ?? createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const { startDevStack } = await import('./sandbox');
  return startDevStack<D>({
    port: opts.port,
    logger,
    env,
    ...(opts.dialect ? { dialect: opts.dialect } : {}),
    impersonation: opts.impersonation ?? false,
    startApp: (appEnv) => startApp(loadConfig(appEnv), logger),
  });
}

/** What the app is connected to, in one line without secrets. */
function describeConnection(config: Config): string {
  const c = config.cxone;
  const where = c.simulator
    ? 'the built-in simulator'
    : c.dialect === 'v2'
      ? c.baseUrl
      : `${c.authUrl}${c.baseUrl ? ` (API ${c.baseUrl})` : ''}`;
  const extra =
    c.dialect === 'incontact' ? `, API ${c.apiVersion}, impersonation ${c.impersonation ? 'on' : 'off'}` : '';
  return `${c.dialect} dialect at ${where}${extra}`;
}

/** A busy `--port` is the user's to fix (exit 2), said the same way by `simulator` and `dev`. */
function portInUse(err: NodeJS.ErrnoException, port: number): unknown {
  if (err.code !== 'EADDRINUSE') return err;
  return new CliExit(ExitCode.usage, `port ${port} is in use; pick another with --port (0 = any free port)`);
}

export function createCliContext(env: Env, io: CliContext['io']): CliContext {
  return {
    io,
    env,
    async services() {
      const config = loadConfig(env);
      // The CLI prints results for humans: keep logs to warnings unless LOG_LEVEL asks for more.
      const logger = createLogger({
        level: env.LOG_LEVEL ? config.logLevel : 'warn',
        destination: process.stderr,
      });
      const runtime = await buildRuntime(config, logger);
      let store: Promise<Store> | undefined;
      const owner = `cli:${os.hostname()}:${process.pid}`;
      const layer =
        runtime.dialect === 'v2'
          ? { dialect: runtime.dialect, service: runtime.service }
          : { dialect: runtime.dialect, sessions: runtime.sessions };
      return {
        ...layer,
        connectionSummary: describeConnection(config),
        doctor: (onCheck) =>
          runtime.dialect === 'v2'
            ? v2Doctor(runtime.cxone, onCheck)
            : sessionDoctor(
                runtime.cxone,
                { now: new Date(), impersonation: config.cxone.impersonation },
                onCheck,
              ),
        actor: `cli:${os.userInfo().username}`,
        async changes() {
          store ??= openStore(config.databaseUrl, { logger: logger.child({ component: 'store' }) });
          const opened = await store;
          return { guard: createStoreOperationGuard(opened, { owner }), audit: opened.audit };
        },
        async close() {
          await runtime.close();
          if (store) await (await store.catch(() => undefined))?.close();
        },
      };
    },
    serve: () => serve(env),
    async simulator(opts) {
      const sim = await startSimulator({
        dialect: opts.dialect,
        port: opts.port,
        agentCount: opts.agents,
        propagationDelayMs: opts.propagationDelayMs,
        latencyMs: opts.latencyMs,
        tokenTtlSeconds: opts.tokenTtlSeconds,
      }).catch((err: NodeJS.ErrnoException) => {
        throw portInUse(err, opts.port);
      });
      io.stdout.write(`${describeSimulator(sim)}\n`);
      await untilSignal();
      await sim.close();
    },
    async dev(opts) {
      // CXONE_IMPERSONATION=1 in the environment turns it on too, as it does for serve.
      const impersonation = opts.impersonation || env.CXONE_IMPERSONATION === '1';
      const stack = await startDev(env, {
        port: opts.port,
        dialect: opts.dialect,
        impersonation: opts.dialect === 'incontact' && impersonation,
      }).catch((err: NodeJS.ErrnoException) => {
        throw portInUse(err, opts.port);
      });
      const { describeDevStack } = await import('./sandbox');
      io.stdout.write(`${describeDevStack(stack)}\n`);
      await untilSignal();
      io.stdout.write('Stopping…\n');
      await stack.close();
    },
  };
}

export async function main(argv: string[] = process.argv.slice(2), env: Env = process.env): Promise<number> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  return runCli(argv, createCliContext(env, io));
}
