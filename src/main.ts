import os from 'node:os';
import { createAgentStateService } from './agentstate';
import { createInMemoryOperationGuard, type OperationGuard } from './agentstate/operation-guard';
import type { CxonePort } from './agentstate/ports';
import type { AgentStateService } from './agentstate/types';
import { type CliContext, runCli } from './cli';
import { CliExit, ExitCode } from './cli/io';
import { assertServeConfig, type Config, type Env, loadConfig } from './config';
import { createCxoneClient } from './cxone';
import { createLogger, type Logger } from './logger';
import { describeSimulator, type RunningSimulator, startSimulator } from './simulator';
import { createStoreOperationGuard, openStore, type Store } from './store';

/**
 * The composition root: the only module that reads `process.env` and wires the layers together.
 * Everything else receives its collaborators through factories.
 */

export interface Runtime {
  config: Config;
  logger: Logger;
  cxone: CxonePort;
  service: AgentStateService;
  guard: OperationGuard;
  /** Present when CXONE_SIMULATOR=1 started one in-process. */
  simulator?: RunningSimulator;
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
  let simulator: RunningSimulator | undefined;
  let credentials = {
    baseUrl: config.cxone.baseUrl,
    clientId: config.cxone.clientId,
    clientSecret: config.cxone.clientSecret,
  };
  if (config.cxone.simulator) {
    simulator = await startSimulator({ port: 0 });
    credentials = { baseUrl: simulator.url, ...simulator.demo };
    logger.info({ url: simulator.url }, 'CXONE_SIMULATOR=1: using the built-in CXone simulator');
  }
  const cxone = createCxoneClient({
    baseUrl: credentials.baseUrl!,
    clientId: credentials.clientId!,
    clientSecret: credentials.clientSecret!,
    logger: logger.child({ component: 'cxone' }),
    onRequest: hooks.onCxoneRequest,
  });
  const service = createAgentStateService({
    cxone,
    logger: logger.child({ component: 'agentstate' }),
    defaults: { skillId: config.cxone.defaultSkillId, activity: config.cxone.defaultActivity },
    verifyTimeoutMs: config.verifyTimeoutMs,
  });
  return {
    config,
    logger,
    cxone,
    service,
    guard: createInMemoryOperationGuard(),
    simulator,
    async close() {
      cxone.close();
      await simulator?.close();
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

export async function serve(env: Env): Promise<void> {
  const config = loadConfig(env);
  assertServeConfig(config);
  const logger = createLogger({ level: config.logLevel });
  // Loaded here rather than at the top so CLI commands do not pay for loading Bolt.
  const [{ createMetrics }, { createSlackApp }] = await Promise.all([
    import('./metrics'),
    import('./slack/app'),
  ]);
  const metrics = createMetrics();
  const runtime = await buildRuntime(config, logger, { onCxoneRequest: metrics.onCxoneRequest });
  const readiness = async () => {
    try {
      await runtime.cxone.tokenInfo();
      return { ok: true, checks: { cxoneToken: true } };
    } catch (err) {
      return { ok: false, checks: { cxoneToken: err instanceof Error ? err.message : String(err) } };
    }
  };
  const slack = createSlackApp({
    config,
    service: runtime.service,
    guard: runtime.guard,
    logger,
    metrics,
    readiness,
  });
  const { port } = await slack.start();
  logger.info({ port, socketMode: config.slack.socketMode }, 'agentstate is running');
  const signal = await untilSignal();
  logger.info({ signal }, 'shutting down');
  await slack.stop();
  await runtime.close();
}

/** The Slack app in HTTP mode with its own runtime, for `agentstate dev` (which supplies the env). */
async function startSlackApp(
  config: Config,
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
  const [{ createMetrics }, { createSlackApp }] = await Promise.all([
    import('./metrics'),
    import('./slack/app'),
  ]);
  const metrics = createMetrics();
  const runtime = await buildRuntime(config, logger, { onCxoneRequest: metrics.onCxoneRequest });
  const readiness = async () => {
    await runtime.cxone.tokenInfo();
    return { ok: true, checks: { cxoneToken: true } };
  };
  const slack = createSlackApp({
    config,
    service: runtime.service,
    guard: runtime.guard,
    logger,
    metrics,
    readiness,
  });
  try {
    const { port } = await slack.start();
    return { port, stop: () => slack.stop().finally(() => runtime.close()) };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

/**
 * The local sandbox: simulator, the real Slack app and a page standing in for Slack. Exported for the
 * browser test, which runs exactly what `agentstate dev` runs.
 */
export async function startDev(env: Env, opts: { port: number; logger?: Logger }) {
  const logger = opts.logger ?? createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const { startDevStack } = await import('./sandbox');
  return startDevStack({
    port: opts.port,
    logger,
    env,
    startApp: (appEnv) => startSlackApp(loadConfig(appEnv), logger),
  });
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
      return {
        service: runtime.service,
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
        port: opts.port,
        agentCount: opts.agents,
        propagationDelayMs: opts.propagationDelayMs,
        latencyMs: opts.latencyMs,
        tokenTtlSeconds: opts.tokenTtlSeconds,
      });
      io.stdout.write(`${describeSimulator(sim)}\n`);
      await untilSignal();
      await sim.close();
    },
    async dev(opts) {
      const stack = await startDev(env, opts).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        throw new CliExit(
          ExitCode.usage,
          `port ${opts.port} is in use; pick another with --port (0 = any free port)`,
        );
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
  return runCli(argv, createCliContext(env, { stdout: process.stdout, stderr: process.stderr }));
}
