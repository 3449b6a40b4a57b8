import { createAgentStateService } from '../../src/agentstate';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { loadConfig } from '../../src/config';
import { createCxoneClient, zeroDelayRetryPolicy } from '../../src/cxone';
import { createLogger } from '../../src/logger';
import { createMetrics, type Metrics } from '../../src/metrics';
import {
  createSimulatorControl,
  type RunningSimulator,
  type SimulatorControl,
  startSimulator,
} from '../../src/simulator';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { FakeSlack, type ResponseUrlPost } from './fake-slack';
import {
  buttonPayload,
  commandBody,
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
}

export interface Harness {
  sim: RunningSimulator;
  control: SimulatorControl;
  slack: FakeSlack;
  app: SlackApp;
  metrics: Metrics;
  baseUrl: string;
  command(text: string, userId?: string, sign?: SignOptions): Promise<Sent>;
  click(actionId: string, value: string, userId?: string): Promise<Sent>;
  submit(
    userId: string,
    view: { callback_id: string; private_metadata?: string },
    values: Record<string, Record<string, { selected_option?: { value: string } }>>,
  ): Promise<Sent>;
  interact(payload: unknown): Promise<{ status: number; text: string }>;
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
  const app = createSlackApp({
    config,
    service,
    guard: createInMemoryOperationGuard(),
    logger,
    metrics,
    readiness: async () => {
      await cxone.tokenInfo();
      return { ok: true, checks: { cxone: true } };
    },
  });
  const { port } = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const events = `${baseUrl}/slack/events`;
  let seq = 0;
  const nextId = (kind: string) => `${kind}-${++seq}`;

  const harness: Harness = {
    sim,
    control,
    slack,
    app,
    metrics,
    baseUrl,
    async command(text, userId = SUPERVISOR, signOpts = {}) {
      const responseId = nextId('cmd');
      const body = commandBody(text, userId, slack.responseUrl(responseId));
      return { ...(await postSigned(events, SIGNING_SECRET, body, signOpts)), responseId };
    },
    async click(actionId, value, userId = SUPERVISOR) {
      const responseId = nextId('click');
      const payload = buttonPayload(actionId, value, userId, slack.responseUrl(responseId));
      return { ...(await harness.interact(payload)), responseId };
    },
    async submit(userId, view, values) {
      const res = await harness.interact(viewSubmissionPayload(userId, view, values));
      return { ...res, responseId: '' };
    },
    interact: (payload) => postSigned(events, SIGNING_SECRET, formPayload(payload)),
    async close() {
      await app.stop();
      cxone.close();
      await slack.close();
      await sim.close();
    },
  };
  return harness;
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
export function waitForPost(h: Harness, responseId: string, n = 1): Promise<ResponseUrlPost['body']> {
  return waitFor(`post #${n} to ${responseId}`, () => h.slack.postsTo(responseId)[n - 1]);
}

/** Waits until a message to the response_url contains `text`. */
export function waitForPostWith(
  h: Harness,
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
