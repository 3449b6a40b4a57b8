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

/**
 * `agentstate serve` as deployed — its own process, a SQLite file — killed with SIGKILL while a login is
 * being verified, then started again: the new process must finish the login and update the same message.
 */
describe('a process killed while verifying a login', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let slack: FakeSlack;
  let app: ServeProcess | undefined;
  let env: Record<string, string>;
  let databaseUrl: string;

  beforeAll(async () => {
    // Long enough that the kill lands mid-verification, short enough for the restart to see it appear.
    sim = await startSimulator({ port: 0, propagationDelayMs: 4000 });
    control = createSimulatorControl(sim.url);
    slack = await new FakeSlack().start();
    databaseUrl = `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-crash-')), 'app.db')}`;
    env = serveEnv(sim, slack.apiUrl, {
      supervisors: [SUPERVISOR],
      databaseUrl,
      extra: { VERIFY_TIMEOUT_MS: '15000' },
    });
  });
  afterEach(async () => {
    await app?.kill('SIGTERM');
    app = undefined;
  });
  afterAll(async () => {
    await slack.close();
    await sim.close();
  });

  it('when the process is killed mid-verification, then the next start verifies it and updates the message, with one POST', async () => {
    const port = await freePort();
    app = await startServe(env, port);
    const events = `${app.url}/slack/events`;
    const agent = sim.tenant.agents.find((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0)!;

    await postSigned(events, SECRET, commandBody(agent.id, SUPERVISOR, slack.responseUrl('status')));
    const card = await waitFor(() => slack.postsTo('status')[0]);
    const button = findButton(card as never, 'Log agent in');
    expect(button).toBeDefined();
    await postSigned(
      events,
      SECRET,
      formPayload(buttonPayload(button!.actionId, button!.value, SUPERVISOR, slack.responseUrl('click'))),
    );
    await waitFor(async () => ((await control.count(LOGIN_POSTS)) === 1 ? true : undefined));
    await waitFor(() => (slack.postsTo('click').length > 0 ? true : undefined));

    expect(await app.kill('SIGKILL')).toBeNull(); // killed by the signal, not exited
    expect(textOf(slack.postsTo('click'))).not.toMatch(/verified in/);

    app = await startServe(env, port);
    const final = await waitFor(
      () => slack.postsTo('click').find((b) => /logged in to \*Billing\*/.test(textOf(b))),
      20_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}\nposts: ${slack
          .postsTo('click')
          .map((b) => (b as { text?: string }).text)
          .join(' | ')} calls: ${slack.calls.map((c) => c.method).join(',')}\napp output:\n${app?.output()}`,
      );
    });

    expect(textOf(final)).toMatch(/after the app restarted/);
    expect(await control.count(LOGIN_POSTS)).toBe(1);
    expect(sim.tenant.visibleStates(agent.id)).toHaveLength(1);
    const store = await openStore(databaseUrl);
    try {
      expect(await store.operations.listUnfinished()).toEqual([]);
      const [entry] = await store.audit.latest({ agentId: agent.id, limit: 1 });
      expect(entry).toMatchObject({ action: 'login', actor: SUPERVISOR, outcome: 'verified' });
    } finally {
      await store.close();
    }
  });

  it('when the process gets SIGTERM, then it exits 0 and the next start finds no operation left behind', async () => {
    // A database of its own: the killed process of the test above left a watcher lease that only expires
    // (a restarted process is another owner, so it cannot simply renew it).
    const ownDatabase = `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-term-')), 'app.db')}`;
    const port = await freePort();
    app = await startServe({ ...env, DATABASE_URL: ownDatabase }, port);
    await waitFor(async () => {
      const probe = await openStore(ownDatabase);
      try {
        return (await probe.leases.current('watcher')) ? true : undefined;
      } finally {
        await probe.close();
      }
    });

    expect(await app.kill('SIGTERM')).toBe(0);
    const store = await openStore(ownDatabase);
    try {
      expect(await store.operations.listUnfinished()).toEqual([]);
      expect(await store.leases.current('watcher')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
