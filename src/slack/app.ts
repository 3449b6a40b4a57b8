import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type Logger as BoltLogger,
  type CustomRoute,
  HTTPReceiver,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { OperationGuard } from '../agentstate/operation-guard';
import type { SessionService } from '../agentstate/sessions';
import type { AgentStateService } from '../agentstate/types';
import { type Config, ConfigError } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { register as registerActions } from './actions';
import { type AuditSink, composeAuditSinks, createSlackAuditSink, createStoreAuditSink } from './audit';
import { boltLogLevel, createBoltLogger } from './bolt-logger';
import { register as registerCommands } from './commands';
import type { BaseSlackDeps } from './deps';
import { register as registerEvents } from './events';
import { healthRoutes, type Readiness, serveRoutes } from './http-routes';
import { register as registerOptions } from './options';
import { guardSlackRequests } from './request-guard';
import { refuseForeignResponseUrls, responseUrlPolicy } from './response-urls';
import { registerSessionSurface } from './sessions';
import { createStoreHealth, type SlackStore } from './store-health';
import { createSupervisorCheck } from './supervisors';
import { register as registerViews } from './views';

export interface SlackAppOptions {
  config: Config;
  /**
   * The use cases of the connected CXone dialect: the tutorial's skill-login model (`service`, v2) or a real
   * tenant's session model (`sessions`, incontact). Exactly one is given; the app registers its surface.
   */
  service?: AgentStateService;
  sessions?: SessionService;
  guard: OperationGuard;
  logger: Logger;
  metrics: Metrics;
  /** GET /readyz: 200 when ok, 503 otherwise, with the checks as JSON. */
  readiness: () => Promise<Readiness>;
  clock?: { now(): number };
  /**
   * Subscriptions, audit log and in-flight operations (a `Store` from src/store). Without it watch,
   * watching and audit answer that the app runs without a database, and nothing is audited persistently.
   * Pair it with a durable guard (`createStoreOperationGuard(store, { owner })`) so operations are recorded.
   */
  store?: SlackStore;
  /** Defaults to the store's audit log (when `store` is given) plus AUDIT_CHANNEL_ID (when set). */
  audit?: AuditSink;
}

export interface SlackApp {
  app: App;
  /** The audit sink the app records into; pass it to `recoverOperations` so recovered outcomes match. */
  audit: AuditSink;
  /** Last observed: false after a store call failed, true again after one succeeded. */
  storeHealthy(): boolean;
  /**
   * Pings the store and updates `storeHealthy()` (never throws). Use this for /readyz: a signal that is only
   * updated by Slack traffic would stay red after the database came back on a quiet replica.
   */
  checkStore(): Promise<boolean>;
  /** Listens on PORT (0 picks a free one) and reports the real port. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Web API calls: explicit timeout, a few retries; 429s wait for Retry-After (rejectRateLimitedCalls off). */
const CLIENT_OPTIONS = {
  timeout: 10_000,
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
  rejectRateLimitedCalls: false,
} as const;

/**
 * The Slack surface: Bolt in HTTP mode (POST /slack/events plus /healthz, /readyz, /metrics on PORT) or
 * in Socket Mode when SLACK_APP_TOKEN is set (the same three routes on PORT from a plain server).
 */
export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { config, logger } = opts;
  const slack = config.slack;
  const routes = healthRoutes({ metrics: opts.metrics, readiness: opts.readiness, logger });
  const boltLogger = createBoltLogger(logger);
  const app = new App({
    token: slack.botToken,
    receiver: createReceiver(config, routes, boltLogger, logger),
    logger: boltLogger,
    // From the logger actually passed in, so Bolt does not reset its level (it calls setLevel on a mismatch).
    logLevel: boltLogLevel(logger.level),
    clientOptions: { slackApiUrl: slack.apiUrl, ...CLIENT_OPTIONS },
    // Without this Bolt calls auth.test from the constructor and an invalid token becomes an unhandled
    // rejection that kills the process; `start()` runs it instead and reports it properly.
    deferInitialization: true,
  });
  app.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });
  app.use(refuseForeignResponseUrls(responseUrlPolicy(slack.apiUrl), logger));
  const deps = buildDeps(opts, app);
  if (opts.sessions) registerSessionSurface(app, { ...deps, sessions: opts.sessions });
  else if (opts.service) {
    const v2 = { ...deps, service: opts.service };
    for (const register of [
      registerCommands,
      registerActions,
      registerViews,
      registerOptions,
      registerEvents,
    ])
      register(app, v2);
  } else throw new Error('createSlackApp needs the use cases of one CXone dialect (service or sessions)');

  let routeServer: Server | undefined;
  return {
    app,
    audit: deps.audit,
    storeHealthy: () => deps.health.healthy(),
    checkStore: () => deps.health.check(),
    async start() {
      if (!slack.socketMode) {
        await initialise(app);
        const server = (await app.start(slack.port)) as Server;
        return { port: (server.address() as AddressInfo).port };
      }
      // /healthz means "the process serves": it answers before Slack does (auth.test, then the socket's
      // hello), so a Slack outage at start does not get a healthy container restarted.
      const server = serveRoutes(routes);
      routeServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(slack.port, () => resolve());
      });
      try {
        await initialise(app);
        await app.start();
      } catch (err) {
        await closeServer(server);
        routeServer = undefined;
        throw err;
      }
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await app.stop();
      if (routeServer) await closeServer(routeServer);
    },
  };
}

/** HTTP mode gets the health routes on its own server; Socket Mode has none, so `start()` adds one. */
function createReceiver(
  config: Config,
  routes: CustomRoute[],
  boltLogger: BoltLogger,
  logger: Logger,
): Receiver {
  const slack = config.slack;
  if (slack.socketMode) {
    // The socket-mode client calls apps.connections.open with a WebClient of its own; without these options
    // it would go to slack.com whatever SLACK_API_URL says (GovSlack, a proxy, the sandbox).
    return new SocketModeReceiver({
      appToken: slack.appToken ?? '',
      logger: boltLogger,
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
  }
  const signingSecret = requireSecret(slack.signingSecret);
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    customRoutes: routes,
    logger: boltLogger,
    port: slack.port,
  });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, {
    signingSecret,
    endpoint: EVENTS_PATH,
    logger,
  });
  return receiver;
}

const EVENTS_PATH = '/slack/events';

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function buildDeps(opts: SlackAppOptions, app: App): BaseSlackDeps {
  const { config, logger } = opts;
  const now = opts.clock ? () => opts.clock!.now() : Date.now;
  const supervisors = createSupervisorCheck({
    userIds: config.supervisors.userIds,
    usergroupId: config.supervisors.usergroupId,
    client: app.client,
    logger,
    now,
  });
  const health = createStoreHealth(opts.store);
  const audit = opts.audit ?? defaultAudit(opts, app, health);
  const { guard, metrics, store } = opts;
  return {
    config,
    guard,
    logger,
    metrics,
    client: app.client,
    now,
    supervisors,
    audit,
    health,
    ...(store ? { store } : {}),
  };
}

/** The store's audit log is the record; the audit channel, when configured, is for people to read. */
function defaultAudit(opts: SlackAppOptions, app: App, health: ReturnType<typeof createStoreHealth>) {
  const { config, logger, store } = opts;
  const sinks: AuditSink[] = [];
  if (store) sinks.push(createStoreAuditSink({ audit: store.audit, logger, onFailure: health.failed }));
  if (config.auditChannelId)
    sinks.push(createSlackAuditSink({ client: app.client, channelId: config.auditChannelId, logger }));
  return composeAuditSinks(sinks, logger);
}

/** Runs Bolt's auth.test; a token Slack refuses is a configuration error naming SLACK_BOT_TOKEN. */
async function initialise(app: App): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_ERRORS.has(code))
      throw new ConfigError('SLACK_BOT_TOKEN', `Slack rejected it (${code})`);
    throw err;
  }
}

const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

function requireSecret(secret: string | undefined): string {
  if (!secret) throw new ConfigError('SLACK_SIGNING_SECRET', 'is required in HTTP mode');
  return secret;
}
