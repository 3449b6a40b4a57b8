import { createCatalog } from '../../src/agentstate/catalog';
import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import { createSlackWatchNotifier } from '../../src/slack/watch-notifier';
import type { Store } from '../../src/store';
import {
  AUDIT_CHANNEL,
  allText,
  findButton,
  type Harness,
  hasButtons,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';

/**
 * The watcher end to end: the real engine polling the simulator, the Slack notifier posting to the fake
 * Slack, and the "Log back in" click going through the app's verified login flow on a real SQLite store.
 */

let h: Harness;
let store: Store;
let engine: WatchEngine;
let agents: SimAgent[];
const OPS = 'COPS001';

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  store = h.store!;
  agents = h.sim.tenant.agents.filter((a) => a.isActive);
  const notifier = createSlackWatchNotifier({
    client: h.app.app.client,
    service: h.service,
    store,
    logger: h.logger,
    clock: systemClock,
  });
  engine = createWatchEngine({
    cxone: h.cxone,
    store,
    notifier,
    clock: systemClock,
    logger: h.logger,
    catalog: createCatalog({ cxone: h.cxone, clock: systemClock }),
  });
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

const skill = (name: string) => h.sim.tenant.skillByName(name)!;
const topLevel = (channel: string) => h.slack.messagesTo(channel, false);

async function watchIn(channel: string, agent: SimAgent) {
  await waitForPost(h, (await h.command(`watch ${agent.email} <#${channel}|ops>`)).responseId);
}

describe('an agent drops out of every skill', () => {
  it('posts a message with "Log back in"; the click logs in verified and is audited; the return resolves it in the thread', async () => {
    const ana = agents[0]!;
    await h.control.setAgentStates(ana.id, [{ skillId: skill('Retention').id }]);
    await watchIn(OPS, ana);
    await engine.runCycle();

    await h.control.setAgentStates(ana.id, []);
    expect(await engine.runCycle()).toMatchObject({ drops: 1, notifications: 1 });
    const notice = topLevel(OPS).at(-1)!;
    expect(String(notice.args.text)).toBe(
      `*${ana.firstName} ${ana.lastName}* dropped out of every skill (last in *Retention*)`,
    );
    const dropTs = (await store.watcher.openDrops({ channelId: OPS }))[0]!.messageTs;
    const button = findButton(notice.args as { blocks?: unknown[] }, ACTION.login)!;

    const click = await h.click(ACTION.login, button.value, SUPERVISOR, {
      channel: OPS,
      ts: dropTs,
      ephemeral: false,
    });
    const result = await waitForPostWith(h, click.responseId, 'verified in');
    expect(allText(result)).toContain('Logged in to *Retention* as *Available*');
    // The notice is the channel's: the clicker's progress and result arrive beside it, never over it.
    const replies = h.slack.postsTo(click.responseId);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.every((r) => r.replace_original === false && r.response_type === 'ephemeral')).toBe(true);
    expect(h.sim.tenant.visibleStates(ana.id).map((s) => s.skillId)).toEqual([skill('Retention').id]);

    const [entry] = await store.audit.latest({ agentId: ana.id, limit: 1 });
    expect(entry).toMatchObject({
      actor: SUPERVISOR,
      action: 'login',
      target: 'Retention',
      outcome: 'verified',
    });
    expect(entry!.verifyMs).toBeGreaterThan(0);
    await waitFor('the audit channel post', () => h.slack.messagesTo(AUDIT_CHANNEL)[0]);
    // The operation ends just after the result is shown.
    await waitFor('the operation to end', async () => (await store.operations.listUnfinished()).length === 0);

    const before = topLevel(OPS).length;
    expect(await engine.runCycle()).toMatchObject({ returns: 1, notifications: 1 });
    const [reply] = h.slack.messagesTo(OPS, true);
    expect(reply?.args).toMatchObject({
      thread_ts: dropTs,
      // The click above logged her back in: the thread says who (issue 11, item 18).
      text: `*${ana.firstName} ${ana.lastName}* is back in *Retention* as *Available* — Logged back in by <@${SUPERVISOR}>`,
    });
    const update = h.slack.callsTo('chat.update').find((c) => c.args.ts === dropTs)!;
    expect(allText(update.args)).toContain('back in *Retention*');
    expect(hasButtons(update.args as { blocks?: unknown[] })).toBe(false);
    expect(topLevel(OPS)).toHaveLength(before);
  });

  it('reports many agents dropping in one cycle as one digest, each agent mapped to its ts', async () => {
    const group = agents.slice(10, 15);
    for (const a of group) {
      await h.control.setAgentStates(a.id, [{ skillId: skill('Billing').id }]);
      await watchIn('CDIGEST', a);
    }
    await engine.runCycle();
    const before = topLevel('CDIGEST').length;

    for (const a of group) await h.control.setAgentStates(a.id, []);
    expect(await engine.runCycle()).toMatchObject({ drops: 5, notifications: 1 });
    expect(topLevel('CDIGEST')).toHaveLength(before + 1);
    expect(allText(topLevel('CDIGEST').at(-1)!.args)).toContain('5 agents dropped out of every skill');
    const open = await store.watcher.openDrops({ channelId: 'CDIGEST' });
    expect(open).toHaveLength(5);
    expect(new Set(open.map((n) => n.messageTs)).size).toBe(1);
  });
});
