import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import { recoverOperations, startOperationRecovery } from '../../src/slack/recovery';
import { openStore, type SlackMessageRef, type Store } from '../../src/store';
import {
  APP_OWNER,
  allText,
  findButton,
  type Harness,
  SUPERVISOR,
  SUPERVISOR_2,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { CHANNEL } from './slack-requests';

/**
 * In-flight operations on a real SQLite store: one login per agent across replicas (another replica is a
 * second Store on the same file), and operations left by a dead process finished and reported in Slack.
 */

const LOGIN_POST = 'POST /api/v2/agents/{agentId}/states';
const MINUTE = 60_000;

let h: Harness;
let store: Store;
let agents: SimAgent[];
const opened: Store[] = [];

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  store = h.store!;
  agents = h.sim.tenant.agents.filter((a) => a.isActive);
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const billing = () => h.sim.tenant.skillByName('Billing')!;

/** Another process on the same database file; `agoMs` back-dates its clock, as if it had died that long ago. */
async function replica(agoMs = 0): Promise<Store> {
  const other = await openStore(h.databaseUrl!, { now: () => Date.now() - agoMs });
  opened.push(other);
  return other;
}

async function loginButtonOf(agent: SimAgent) {
  await h.control.setAgentStates(agent.id, []);
  const card = await waitForPost(h, (await h.command(agent.email)).responseId);
  return findButton(card, ACTION.login)!;
}

const recover = () =>
  recoverOperations({
    store,
    service: h.service,
    client: h.app.app.client,
    logger: h.logger,
    owner: APP_OWNER,
    verifyTimeoutMs: h.config.verifyTimeoutMs,
  });

describe('one operation per agent across replicas', () => {
  it('refuses a login while another replica holds the agent, naming who started it, and posts nothing', async () => {
    const agent = agents[0]!;
    const button = await loginButtonOf(agent);
    const other = await replica();
    const held = await other.operations.begin({
      agentId: agent.id,
      action: 'login',
      startedBy: SUPERVISOR_2,
      owner: 'replica-b',
    });
    if (!held.ok) throw new Error('the other replica should hold the agent');

    const click = await h.click(ACTION.login, button.value, SUPERVISOR);
    const reply = await waitForPost(h, click.responseId);
    expect(allText(reply)).toContain(`already in progress, started by <@${SUPERVISOR_2}>`);
    expect(await h.control.count(LOGIN_POST)).toBe(0);

    await other.operations.complete(held.operation.id, 'verified');
    const again = await h.click(ACTION.login, button.value, SUPERVISOR);
    await waitForPostWith(h, again.responseId, 'verified in');
    expect(await h.control.count(LOGIN_POST)).toBe(1);
  });

  it('records the running login with its target and message, and its outcome when it ends', async () => {
    await h.control.setConfig({ propagationDelayMs: 800 });
    const agent = agents[1]!;
    const button = await loginButtonOf(agent);
    const click = await h.click(ACTION.login, button.value, SUPERVISOR);

    const running = await waitFor(
      'the recorded operation',
      async () => (await store.operations.listUnfinished())[0],
    );
    expect(running).toMatchObject({
      agentId: agent.id,
      action: 'login',
      startedBy: SUPERVISOR,
      owner: APP_OWNER,
      target: { skill: billing().id },
      message: { channel: CHANNEL.id, ts: '', responseUrl: h.slack.responseUrl(click.responseId) },
    });
    await waitForPostWith(h, click.responseId, 'verified in');
    // The operation ends just after the result is shown.
    await waitFor(
      'the recorded outcome',
      async () => (await store.operations.get(running.id))?.outcome === 'verified',
    );
  });
});

describe('an operation left unfinished by a dead process', () => {
  async function leftBehind(agent: SimAgent, agoMs: number, message: Partial<SlackMessageRef>) {
    const dead = await replica(agoMs);
    const begun = await dead.operations.begin({
      agentId: agent.id,
      action: 'login',
      startedBy: SUPERVISOR,
      owner: 'dead-replica',
      target: { skill: billing().id },
      message: { channel: CHANNEL.id, ts: '', ...message },
    });
    if (!begun.ok) throw new Error('expected to begin');
    return begun.operation;
  }

  it('is verified when the login landed, and its message updated through the response_url', async () => {
    const agent = agents[2]!;
    await h.control.setAgentStates(agent.id, [{ skillId: billing().id }]);
    const op = await leftBehind(agent, 10 * MINUTE, { responseUrl: h.slack.responseUrl('rec-landed') });

    const [done] = await recover();
    expect(done).toMatchObject({ completed: true, outcome: { kind: 'verified' } });
    const [post] = h.slack.postsTo('rec-landed');
    expect(post?.replace_original).toBe(true);
    expect(allText(post)).toContain('logged in to *Billing* as *Available*');
    expect(allText(post)).toContain('confirmed after the app restarted');
    expect((await store.operations.get(op.id))?.outcome).toBe('verified');
    const [entry] = await store.audit.latest({ agentId: agent.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'login',
      actor: SUPERVISOR,
      outcome: 'verified',
      target: 'Billing',
    });
  });

  it('is reported failed with the explanation when the login never landed', async () => {
    const agent = agents[3]!;
    await h.control.setAgentStates(agent.id, []);
    const op = await leftBehind(agent, 10 * MINUTE, { responseUrl: h.slack.responseUrl('rec-lost') });

    await recover();
    const text = allText(h.slack.postsTo('rec-lost')[0]);
    expect(text).toContain('could not be confirmed');
    expect(text).toContain('still not logged in to Billing');
    expect(text).toContain('most likely did not land');
    expect((await store.operations.get(op.id))?.outcome).toBe('failed');
    expect((await store.audit.latest({ agentId: agent.id, limit: 1 }))[0]?.outcome).toBe('failed');
    // The agent is free again.
    const next = await store.operations.begin({
      agentId: agent.id,
      action: 'login',
      startedBy: 'U',
      owner: 'x',
    });
    if (!next.ok) throw new Error('the agent should be free after recovery');
    await store.operations.complete(next.operation.id, 'ok');
  });

  it('tells the starter in a direct message when the response_url is past Slack’s 30 minutes', async () => {
    const agent = agents[4]!;
    await h.control.setAgentStates(agent.id, [{ skillId: billing().id }]);
    await leftBehind(agent, 40 * MINUTE, { responseUrl: h.slack.responseUrl('rec-old') });

    await recover();
    expect(h.slack.postsTo('rec-old')).toEqual([]);
    const dm = await waitFor('the direct message', () => h.slack.messagesTo(SUPERVISOR)[0]);
    expect(String(dm.args.text)).toContain('confirmed after the app restarted');
  });

  it('falls back to a direct message when Slack refuses the response_url, and edits a channel message in place', async () => {
    const [a, b] = [agents[5]!, agents[6]!];
    h.slack.expiredResponseUrls.add('rec-refused');
    await leftBehind(a, 10 * MINUTE, { responseUrl: h.slack.responseUrl('rec-refused') });
    await leftBehind(b, 10 * MINUTE, { channel: 'COPS001', ts: '1700000000.000900' });

    await recover();
    expect(h.slack.messagesTo(SUPERVISOR)).toHaveLength(1);
    const edit = h.slack.callsTo('chat.update').find((c) => c.args.ts === '1700000000.000900');
    expect(edit?.args.channel).toBe('COPS001');
    expect(allText(edit?.args)).toContain('could not be confirmed');
  });

  it('is picked up by a later sweep when it becomes stale while this process runs', async () => {
    const agent = agents[8]!;
    await h.control.setAgentStates(agent.id, [{ skillId: billing().id }]);
    const op = await leftBehind(agent, 0, { responseUrl: h.slack.responseUrl('rec-later') });
    const recovery = startOperationRecovery({
      store,
      service: h.service,
      client: h.app.app.client,
      logger: h.logger,
      owner: APP_OWNER,
      verifyTimeoutMs: h.config.verifyTimeoutMs,
      staleAfterMs: 300,
      intervalMs: 50,
    });
    try {
      const post = await waitFor('the recovered result', () => h.slack.postsTo('rec-later')[0]);
      expect(allText(post)).toContain('confirmed after the app restarted');
      expect((await store.operations.get(op.id))?.outcome).toBe('verified');
    } finally {
      await recovery.stop();
    }
  });

  it("takes back at start what this replica's previous process left, but never its own later operations", async () => {
    const [orphanAgent, laterAgent] = [agents[9]!, agents[10]!];
    await h.control.setAgentStates(orphanAgent.id, [{ skillId: billing().id }]);
    // Same host and port, another instance, stopped beating a minute ago.
    const previousRun = await replica(MINUTE);
    await previousRun.operations.begin({
      agentId: orphanAgent.id,
      action: 'login',
      startedBy: SUPERVISOR,
      owner: `${APP_OWNER}/previous-process`,
      target: { skill: billing().id },
      message: { channel: CHANNEL.id, ts: '', responseUrl: h.slack.responseUrl('rec-orphan') },
    });
    let sweeps = 0;
    const counted = {
      ...store,
      operations: {
        ...store.operations,
        claimStale: (age: number, owner: string) => {
          sweeps++;
          return store.operations.claimStale(age, owner);
        },
      },
    };
    const recovery = startOperationRecovery({
      store: counted,
      service: h.service,
      client: h.app.app.client,
      logger: h.logger,
      owner: APP_OWNER,
      verifyTimeoutMs: h.config.verifyTimeoutMs,
      intervalMs: 20,
    });
    try {
      await recovery.claimed;
      const later = await store.operations.begin({
        agentId: laterAgent.id,
        action: 'login',
        startedBy: SUPERVISOR,
        owner: APP_OWNER,
      });
      if (!later.ok) throw new Error('expected to begin');
      const post = await waitFor('the orphan reported', () => h.slack.postsTo('rec-orphan')[0]);
      expect(allText(post)).toContain('confirmed after the app restarted');
      const seen = sweeps;
      await waitFor('three more sweeps', () => sweeps >= seen + 3);
      expect((await store.operations.get(later.operation.id))?.finishedAt).toBeUndefined();
      await store.operations.complete(later.operation.id, 'ok');
    } finally {
      await recovery.stop();
    }
  });

  it('leaves a recent operation of a live replica alone', async () => {
    const agent = agents[7]!;
    const live = await replica();
    await live.operations.begin({
      agentId: agent.id,
      action: 'login',
      startedBy: SUPERVISOR_2,
      owner: 'live',
    });
    expect(await recover()).toEqual([]);
    expect((await store.operations.listUnfinished()).map((o) => o.owner)).toContain('live');
  });
});

describe('the database unreachable after start', () => {
  let down: Harness;
  beforeAll(async () => {
    down = await startHarness({ defaultSkill: 'Billing', store: true });
  });
  afterAll(() => down.close());

  it('still answers status, and refuses login, the click and watch with the reason naming the database', async () => {
    const agent = down.sim.tenant.agents.filter((a) => a.isActive)[0]!;
    await down.control.setAgentStates(agent.id, []);
    const card = await waitForPost(down, (await down.command(agent.email)).responseId);
    const button = findButton(card, ACTION.login)!;
    await down.store!.close();

    const status = await waitForPost(down, (await down.command(agent.email)).responseId);
    expect(allText(status)).toContain('is not logged in to any skill');

    const click = await down.click(ACTION.login, button.value, SUPERVISOR);
    const refused = await waitForPost(down, click.responseId);
    expect(allText(refused)).toContain("The app's database (`DATABASE_URL`) is not reachable");
    expect(allText(refused)).toContain('nothing was sent to CXone');
    expect(await down.control.count(LOGIN_POST)).toBe(0);
    expect(down.app.storeHealthy()).toBe(false);
    expect(await down.app.checkStore()).toBe(false);

    const login = await waitForPost(down, (await down.command(`login ${agent.email}`)).responseId);
    expect(allText(login)).toContain('database (`DATABASE_URL`) is not reachable');
    const watch = await waitForPost(down, (await down.command(`watch ${agent.email}`)).responseId);
    expect(allText(watch)).toContain('nothing was stored');
    expect(down.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL.id)).toEqual([]);

    await down.event({ type: 'app_home_opened', user: SUPERVISOR, channel: 'D0001', tab: 'home' });
    const home = await waitFor('views.publish', () => down.slack.callsTo('views.publish')[0]);
    expect(allText(home.args.view)).toContain(
      "Your watched agents can't be shown: the app's database is not reachable",
    );
    expect(allText(home.args.view)).toContain('How to use /agentstate');
  });
});
