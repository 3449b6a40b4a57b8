import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import { openStore } from '../../src/store';
import { FakeSlack } from '../slack/fake-slack';
import { buttonPayload, commandBody, formPayload, postSigned } from '../slack/slack-requests';
import {
  findButton,
  freePort,
  SECRET,
  type ServeProcess,
  serveEnv,
  startServe,
  textOf,
  waitFor,
} from './serve-process';

const SUPERVISOR = 'USUPER1';
const LOGIN_POSTS = 'POST /api/v2/agents/{agentId}/states';
/** `SHUTDOWN_GRACE_MS` of main.ts, with room for a busy machine. */
const GRACE_MS = 7_000;
const MARGIN_MS = 5_000;
/** The result card of a login to Billing, as opposed to its progress cards. */
const RESULT = /logged in to \*Billing\*/i;

/**
 * `agentstate serve` stopped with SIGTERM while a login is being verified: whether the verification ends
 * within the grace period or not, the supervisor gets exactly one result and the audit log one entry.
 */
describe('a process stopped with SIGTERM while verifying a login', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let slack: FakeSlack;
  let app: ServeProcess | undefined;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    control = createSimulatorControl(sim.url);
    slack = await new FakeSlack().start();
  });
  afterEach(async () => {
    await app?.kill('SIGKILL');
    app = undefined;
  });
  afterAll(async () => {
    await slack.close();
    await sim.close();
  });

  /** Starts serve on a fresh database, clicks "Log agent in" for a logged-out agent, waits for the POST. */
  async function clickLogin(tag: string, verifyTimeoutMs: number) {
    const databaseUrl = `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-stop-')), 'app.db')}`;
    const env = serveEnv(sim, slack.apiUrl, {
      supervisors: [SUPERVISOR],
      databaseUrl,
      extra: { VERIFY_TIMEOUT_MS: String(verifyTimeoutMs) },
    });
    const port = await freePort();
    app = await startServe(env, port);
    const agent = sim.tenant.agents.find((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0)!;
    const before = await control.count(LOGIN_POSTS);
    const events = `${app.url}/slack/events`;
    await postSigned(events, SECRET, commandBody(agent.id, SUPERVISOR, slack.responseUrl(`${tag}-status`)));
    const button = findButton(
      (await waitFor(() => slack.postsTo(`${tag}-status`)[0])) as never,
      'Log agent in',
    )!;
    await postSigned(
      events,
      SECRET,
      formPayload(buttonPayload(button.actionId, button.value, SUPERVISOR, slack.responseUrl(tag))),
    );
    await waitFor(async () => ((await control.count(LOGIN_POSTS)) > before ? true : undefined));
    return {
      env,
      port,
      agent,
      databaseUrl,
      results: () => slack.postsTo(tag).filter((b) => RESULT.test(textOf(b))),
    };
  }

  async function auditOf(databaseUrl: string, agentId: string) {
    const store = await openStore(databaseUrl);
    try {
      return {
        entries: await store.audit.latest({ agentId, limit: 10 }),
        unfinished: await store.operations.listUnfinished(),
      };
    } finally {
      await store.close();
    }
  }

  it('when the verification ends within the grace period, then it is finished and reported before the process exits, once', async () => {
    await control.setConfig({ propagationDelayMs: 2_000 });
    const login = await clickLogin('stop-fast', 15_000);
    const stoppedAt = Date.now();

    expect(await app!.kill('SIGTERM')).toBe(0);
    app = undefined;

    expect(Date.now() - stoppedAt).toBeLessThan(GRACE_MS + MARGIN_MS);
    expect(login.results()).toHaveLength(1);
    const { entries, unfinished } = await auditOf(login.databaseUrl, login.agent.id);
    // Nothing left for a restart to report a second time.
    expect(unfinished).toEqual([]);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([['login', 'verified']]);
  }, 60_000);

  it('when the verification outlasts the grace period, then it stops unreported and the next start reports it, once', async () => {
    await control.setConfig({ propagationDelayMs: 11_000 });
    const login = await clickLogin('stop-slow', 25_000);
    const stoppedAt = Date.now();

    expect(await app!.kill('SIGTERM')).toBe(0);
    app = undefined;

    expect(Date.now() - stoppedAt).toBeLessThan(GRACE_MS + MARGIN_MS);
    expect(login.results()).toEqual([]);
    expect((await auditOf(login.databaseUrl, login.agent.id)).unfinished).toHaveLength(1);

    app = await startServe(login.env, login.port);
    await waitFor(() => (login.results().length > 0 ? true : undefined), 30_000);
    await waitFor(async () =>
      (await auditOf(login.databaseUrl, login.agent.id)).unfinished.length === 0 ? true : undefined,
    );

    expect(login.results()).toHaveLength(1);
    expect(textOf(login.results()[0])).toMatch(/after the app restarted/);
    const { entries } = await auditOf(login.databaseUrl, login.agent.id);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([['login', 'verified']]);
    expect(await control.count(LOGIN_POSTS)).toBeGreaterThan(0);
  }, 90_000);
});
