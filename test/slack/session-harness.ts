import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { createSessionService, type SessionService } from '../../src/agentstate/sessions';
import { type Config, loadConfig } from '../../src/config';
import { createIncontactClient, zeroDelayRetryPolicy } from '../../src/cxone';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { type RunningIncontactSimulator, startSimulator } from '../../src/simulator';
import {
  createIncontactControl,
  type IncontactSimulatorControl,
} from '../../src/simulator/incontact/control';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { createStoreOperationGuard, type Store } from '../../src/store';
import { FakeSlack } from './fake-slack';
import {
  APP_OWNER,
  AUDIT_CHANNEL,
  openTempStore,
  SIGNING_SECRET,
  type SlackRequests,
  SUPERVISOR,
  SUPERVISOR_2,
  slackRequests,
} from './harness';

/**
 * The real app on a real tenant's API: HTTP mode on port 0, the incontact client and session use cases,
 * the incontact simulator and the fake Slack Web API. Tests talk to it only as Slack would.
 */
export interface SessionHarness extends SlackRequests {
  sim: RunningIncontactSimulator;
  control: IncontactSimulatorControl;
  slack: FakeSlack;
  app: SlackApp;
  config: Config;
  sessions: SessionService;
  store?: Store;
  /** A demo agent's integer id, as a string. */
  agent(role: Parameters<RunningIncontactSimulator['tenant']['demoAgent']>[0]): string;
  close(): Promise<void>;
}

export async function startSessionHarness(
  opts: { impersonation?: boolean; store?: boolean; propagationDelayMs?: number } = {},
): Promise<SessionHarness> {
  const sim = await startSimulator({
    dialect: 'incontact',
    propagationDelayMs: opts.propagationDelayMs ?? 200,
  });
  const control = createIncontactControl(sim.url);
  const slack = await new FakeSlack().start();
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    CXONE_DIALECT: 'incontact',
    CXONE_AUTH_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: sim.demo.clientSecret,
    CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
    CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
    CXONE_IMPERSONATION: opts.impersonation ? '1' : undefined,
    SUPERVISOR_USER_IDS: `${SUPERVISOR},${SUPERVISOR_2}`,
    AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
    VERIFY_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'silent',
  });
  const cxone = createIncontactClient({
    authUrl: sim.url,
    clientId: sim.demo.clientId,
    clientSecret: sim.demo.clientSecret,
    accessKeyId: sim.demo.accessKeyId,
    accessKeySecret: sim.demo.accessKeySecret,
    apiVersion: config.cxone.apiVersion,
    logger,
    retry: zeroDelayRetryPolicy,
    timeoutMs: 3000,
  });
  const sessions = createSessionService({
    cxone,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    logger,
    verifyTimeoutMs: config.verifyTimeoutMs,
    impersonation: config.cxone.impersonation,
  });
  const db = opts.store ? await openTempStore() : undefined;
  const app = createSlackApp({
    config,
    sessions,
    guard: db ? createStoreOperationGuard(db.store, { owner: APP_OWNER }) : createInMemoryOperationGuard(),
    ...(db ? { store: db.store } : {}),
    logger,
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: async () => ({ ok: true, checks: {} }),
  });
  const { port } = await app.start();
  return {
    ...slackRequests(`http://127.0.0.1:${port}`, slack),
    sim,
    control,
    slack,
    app,
    config,
    sessions,
    ...(db ? { store: db.store } : {}),
    agent: (role) => String(sim.tenant.demoAgent(role).agentId),
    async close() {
      await app.stop();
      cxone.close();
      await slack.close();
      await sim.close();
      await db?.close();
    },
  };
}
