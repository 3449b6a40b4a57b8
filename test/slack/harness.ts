import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentStateService } from '../../src/agentstate';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import type { AgentStateService } from '../../src/agentstate/types';
import { type Config, loadConfig } from '../../src/config';
import { type CxoneClient, createCxoneClient, zeroDelayRetryPolicy } from '../../src/cxone';
import { createLogger, type Logger } from '../../src/logger';
import { createMetrics, type Metrics } from '../../src/metrics';
import {
  createSimulatorControl,
  type RunningSimulator,
  type SimulatorControl,
  startSimulator,
} from '../../src/simulator';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { createStoreOperationGuard, openStore, type Store } from '../../src/store';
import { FakeSlack, type ResponseUrlPost } from './fake-slack';
import {
  buttonPayload,
  type ClickedMessage,
  commandBody,
  eventBody,
  formPayload,
  postSigned,
  type SignOptions,
  viewSubmissionPayload,
} from './slack-requests';

/**
 * The real app in HTTP mode on port 0, the real CXone client and service, the simulator, and the fake
 * Slack Web API. Tests talk to it only the way Slack would: signed HTTP requests in, Web API calls and
 * response_url posts out.
 */

export const SIGNING_SECRET = 'test-signing-secret';
export const SUPERVISOR = 'USUPER1';
export const SUPERVISOR_2 = 'USUPER2';
export const GROUP_MEMBER = 'UGROUP1';
export const OUTSIDER = 'UOUTSIDE';
export const USERGROUP = 'SSUPERS';
export const AUDIT_CHANNEL = 'CAUDIT1';

export interface HarnessOptions {
  clientId?: string;
  clientSecret?: string;
  /** Skill name to use as CXONE_DEFAULT_SKILL_ID. */
  defaultSkill?: string;
  propagationDelayMs?: number;
  /** Runs the app on a real SQLite store (a temp file) with the durable operation guard. */
  store?: boolean;
}

/** The replica id of the harness's app, as recorded in the operations it starts. */
export const APP_OWNER = 'replica-a';

export interface Harness {
  sim: RunningSimulator;
  control: SimulatorControl;
  slack: FakeSlack;
  app: SlackApp;
  metrics: Metrics;
  baseUrl: string;
  config: Config;
  logger: Logger;
  cxone: CxoneClient;
  service: AgentStateService;
  /** Present with `store: true`. */
  store?: Store;
  /** DATABASE_URL of that store, to open it again as another replica would. */
  databaseUrl?: string;
  command(
    text: string,
    userId?: string,
    sign?: SignOptions,
    channel?: { id: string; name: string },
  ): Promise<Sent>;
  click(actionId: string, value: string, userId?: string, message?: ClickedMessage): Promise<Sent>;
  submit(
    userId: string,
    view: { callback_id: string; private_metadata?: string },
    values: Record<string, Record<string, { selected_option?: { value: string } }>>,
  ): Promise<Sent>;
  interact(payload: unknown): Promise<{ status: number; text: string }>;
  /** Delivers an Events API event (JSON), e.g. app_home_opened. */
  event(event: Record<string, unknown>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface Sent {
  status: number;
  /** The id of the response_url this request carried. */
  responseId: string;
  text: string;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ propagationDelayMs: opts.propagationDelayMs ?? 200, agentCount: 60 });
  const control = createSimulatorControl(sim.url);
  const slack = await new FakeSlack().start();
  slack.usergroups.set(USERGROUP, [GROUP_MEMBER]);
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const metrics = createMetrics({ defaultMetrics: false });
  const defaultSkillId = opts.defaultSkill ? sim.tenant.skillByName(opts.defaultSkill)?.id : undefined;
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: opts.clientId ?? sim.demo.clientId,
    CXONE_CLIENT_SECRET: opts.clientSecret ?? sim.demo.clientSecret,
    CXONE_DEFAULT_SKILL_ID: defaultSkillId,
    SUPERVISOR_USER_IDS: `${SUPERVISOR},${SUPERVISOR_2}`,
    SUPERVISOR_USERGROUP_ID: USERGROUP,
    AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
    VERIFY_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'silent',
  });
  const cxone = createCxoneClient({
    baseUrl: sim.url,
    clientId: config.cxone.clientId ?? '',
    clientSecret: config.cxone.clientSecret ?? '',
    logger,
    retry: zeroDelayRetryPolicy,
    timeoutMs: 3000,
    onRequest: (e) => metrics.onCxoneRequest(e),
  });
  const service = createAgentStateService({
    cxone,
    logger,
    defaults: { ...(defaultSkillId ? { skillId: defaultSkillId } : {}), activity: 'Available' },
    verifyTimeoutMs: config.verifyTimeoutMs,
  });
  const db = opts.store ? await openTempStore() : undefined;
  const app = createSlackApp({
    config,
    service,
    guard: db ? createStoreOperationGuard(db.store, { owner: APP_OWNER }) : createInMemoryOperationGuard(),
    ...(db ? { store: db.store } : {}),
    logger,
    metrics,
    readiness: async () => {
      const cxoneToken = await cxone.tokenInfo().then(
        () => 'ok' as const,
        () => 'failing' as const,
      );
      return { ok: cxoneToken === 'ok', checks: { cxoneToken } };
    },
  });
  const { port } = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const harness: Harness = {
    ...slackRequests(baseUrl, slack),
    sim,
    control,
    slack,
    app,
    metrics,
    baseUrl,
    config,
    logger,
    cxone,
    service,
    ...(db ? { store: db.store, databaseUrl: db.url } : {}),
    async close() {
      await app.stop();
      cxone.close();
      await slack.close();
      await sim.close();
      await db?.close();
    },
  };
  return harness;
}

export type SlackRequests = Pick<Harness, 'command' | 'click' | 'submit' | 'interact' | 'event'>;

/** Signed requests to the app's one URL, as Slack sends them, each with a response_url of the fake Slack. */
export function slackRequests(baseUrl: string, slack: FakeSlack): SlackRequests {
  const events = `${baseUrl}/slack/events`;
  let seq = 0;
  const nextId = (kind: string) => `${kind}-${++seq}`;
  const interact = (payload: unknown) => postSigned(events, SIGNING_SECRET, formPayload(payload));
  return {
    async command(text, userId = SUPERVISOR, signOpts = {}, channel = undefined) {
      const responseId = nextId('cmd');
      const body = commandBody(text, userId, slack.responseUrl(responseId), channel);
      return { ...(await postSigned(events, SIGNING_SECRET, body, signOpts)), responseId };
    },
    async click(actionId, value, userId = SUPERVISOR, message = {}) {
      const responseId = nextId('click');
      const payload = buttonPayload(actionId, value, userId, slack.responseUrl(responseId), message);
      return { ...(await interact(payload)), responseId };
    },
    async submit(userId, view, values) {
      const res = await interact(viewSubmissionPayload(userId, view, values));
      return { ...res, responseId: '' };
    },
    interact,
    event: (event) => postSigned(events, SIGNING_SECRET, eventBody(event), { json: true }),
  };
}

export async function openTempStore(): Promise<{ store: Store; url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'agentstate-slack-'));
  const url = `sqlite:${join(dir, 'agentstate.db')}`;
  const store = await openStore(url);
  return {
    store,
    url,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns something, or fails with `what` after the deadline. No fixed sleeps. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits for the n-th message posted to a response_url. */
export function waitForPost(
  h: Pick<Harness, 'slack'>,
  responseId: string,
  n = 1,
): Promise<ResponseUrlPost['body']> {
  return waitFor(`post #${n} to ${responseId}`, () => h.slack.postsTo(responseId)[n - 1]);
}

/** Waits until a message to the response_url contains `text`. */
export function waitForPostWith(
  h: Pick<Harness, 'slack'>,
  responseId: string,
  text: string,
): Promise<ResponseUrlPost['body']> {
  return waitFor(`a post to ${responseId} containing "${text}"`, () =>
    h.slack.postsTo(responseId).find((p) => allText(p).includes(text)),
  );
}

/** Every text in a message, blocks included, for assertions that do not depend on layout. */
export function allText(message: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(message);
  return out.join('\n');
}

export interface FoundButton {
  action_id: string;
  value: string;
  text: { text: string };
  style?: string;
  confirm?: { text: { text: string } };
}

/** Finds a button by action id anywhere in a message's blocks. */
export function findButton(message: { blocks?: unknown[] }, actionId: string): FoundButton | undefined {
  let found: FoundButton | undefined;
  const walk = (v: unknown) => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.type === 'button' && o.action_id === actionId) found = o as unknown as FoundButton;
    else Object.values(o).forEach(walk);
  };
  walk(message.blocks ?? []);
  return found;
}

export function hasButtons(message: { blocks?: unknown[] }): boolean {
  return JSON.stringify(message.blocks ?? []).includes('"type":"button"');
}
