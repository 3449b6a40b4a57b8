import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import { openStore, type Store } from '../../src/store';
import { FakeSlack } from '../slack/fake-slack';
import { buttonPayload, commandBody, formPayload, postSigned } from '../slack/slack-requests';
import { postgres } from '../store/harness';
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
const SUPERVISOR_2 = 'USUPER2';
const WATCH_INTERVAL_MS = 1000;
/** The runner's lease: twice the interval, at least 5 s. */
const LEASE_MS = 5000;
const PG = process.env.TEST_POSTGRES_URL;

/** Several replicas of `agentstate serve` behind one PostgreSQL, as in a scaled deployment. */
(PG ? describe : describe.skip)('two replicas on one PostgreSQL', () => {
  let sim: RunningSimulator;
  let control: SimulatorControl;
  let slack: FakeSlack;
  let db: { url: string; drop(): Promise<void> };
  let store: Store;
  let replicas: ServeProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, propagationDelayMs: 4000 });
    control = createSimulatorControl(sim.url);
    slack = await new FakeSlack().start();
    db = await postgres(PG!).create();
    store = await openStore(db.url);
    env = serveEnv(sim, slack.apiUrl, {
      supervisors: [SUPERVISOR, SUPERVISOR_2],
      databaseUrl: db.url,
      extra: { WATCH_INTERVAL_MS: String(WATCH_INTERVAL_MS), LOG_LEVEL: 'info' },
    });
    replicas = await Promise.all([freePort(), freePort()].map(async (p) => startServe(env, await p)));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
    await store?.close();
    await db?.drop();
    await slack?.close();
    await sim?.close();
  });

  it('when two replicas run, then exactly one runs the watcher, and a killed leader is replaced within two lease periods', async () => {
    const lease = await waitFor(async () => (await store.leases.current('watcher')) ?? undefined);
    const leader = replicas.find((r) => lease.holder.includes(`:${r.port}/`))!;
    const follower = replicas.find((r) => r !== leader)!;
    expect(leader).toBeDefined();
    await new Promise((r) => setTimeout(r, 3 * WATCH_INTERVAL_MS)); // several intervals of both trying
    expect(leader.output()).toMatch(/lease acquired; running cycles/);
    expect(follower.output()).not.toMatch(/lease acquired; running cycles/);

    await leader.kill('SIGKILL');
    const killedAt = Date.now();
    const taken = await waitFor(async () => {
      const current = await store.leases.current('watcher');
      return current?.holder.includes(`:${follower.port}/`) ? current : undefined;
    }, 4 * LEASE_MS);

    expect(taken.holder).toMatch(new RegExp(`:${follower.port}/`));
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * LEASE_MS + WATCH_INTERVAL_MS);
    replicas = [follower];
  });

  it('when one replica is verifying a login, then a click on another replica is refused naming who started it', async () => {
    const [a] = replicas;
    const b = await startServe(env, await freePort());
    replicas.push(b);
    const agent = sim.tenant.agents.find((x) => x.isActive && sim.tenant.visibleStates(x.id).length === 0)!;
    const before = await control.count('POST /api/v2/agents/{agentId}/states');

    const cardFrom = async (app: ServeProcess, id: string, user: string) => {
      await postSigned(`${app.url}/slack/events`, SECRET, commandBody(agent.id, user, slack.responseUrl(id)));
      return findButton((await waitFor(() => slack.postsTo(id)[0])) as never, 'Log agent in')!;
    };
    const onA = await cardFrom(a!, 'status-a', SUPERVISOR);
    const onB = await cardFrom(b, 'status-b', SUPERVISOR_2);
    await postSigned(
      `${a!.url}/slack/events`,
      SECRET,
      formPayload(buttonPayload(onA.actionId, onA.value, SUPERVISOR, slack.responseUrl('click-a'))),
    );
    await waitFor(async () =>
      (await control.count('POST /api/v2/agents/{agentId}/states')) > before ? true : undefined,
    );
    await postSigned(
      `${b.url}/slack/events`,
      SECRET,
      formPayload(buttonPayload(onB.actionId, onB.value, SUPERVISOR_2, slack.responseUrl('click-b'))),
    );

    const refusal = await waitFor(() =>
      slack.postsTo('click-b').find((m) => /already in progress/i.test(textOf(m))),
    );
    expect(textOf(refusal)).toContain(SUPERVISOR);
    await waitFor(() => slack.postsTo('click-a').find((m) => /verified/.test(textOf(m))), 20_000);
    expect((await control.count('POST /api/v2/agents/{agentId}/states')) - before).toBe(1);
  });
});

if (!PG) {
  console.warn('[replicas] PostgreSQL half SKIPPED: TEST_POSTGRES_URL is not set.');
}
