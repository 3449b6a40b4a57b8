import { systemClock } from '../../src/agentstate/ports';
import { type CycleReport, createSessionWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import { createIncontactClient, zeroDelayRetryPolicy } from '../../src/cxone';
import { createLogger } from '../../src/logger';
import { SESSION_ACTION } from '../../src/slack/sessions/values';
import { createSessionWatchNotifier } from '../../src/slack/sessions/watch-notifier';
import type { Store } from '../../src/store';
import {
  allText,
  findButton,
  hasButtons,
  OUTSIDER,
  SUPERVISOR,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { type SessionHarness, startSessionHarness } from './session-harness';
import { CHANNEL } from './slack-requests';

/**
 * Watch on a real tenant, end to end: signed `/agentstate watch` requests to the app, the incontact watch
 * engine polling the incontact simulator over HTTP, the notices arriving at the fake Slack Web API, and the
 * notice's button handled by the app like the status card's.
 */

let h: SessionHarness;
let store: Store;
let engine: WatchEngine;
let closeClient: () => void;
const OPS = 'COPS001';

beforeAll(async () => {
  h = await startSessionHarness({ store: true, propagationDelayMs: 100 });
  store = h.store!;
  const logger = createLogger({ level: 'silent' });
  const cxone = createIncontactClient({
    authUrl: h.sim.url,
    clientId: h.sim.demo.clientId,
    clientSecret: h.sim.demo.clientSecret,
    accessKeyId: h.sim.demo.accessKeyId,
    accessKeySecret: h.sim.demo.accessKeySecret,
    apiVersion: h.config.cxone.apiVersion,
    logger,
    retry: zeroDelayRetryPolicy,
    timeoutMs: 3000,
  });
  closeClient = () => cxone.close();
  engine = createSessionWatchEngine({
    cxone,
    store,
    notifier: createSessionWatchNotifier({
      client: h.app.app.client,
      capabilities: h.sessions.capabilities,
      store,
      logger,
      clock: systemClock,
    }),
    clock: systemClock,
    logger,
  });
});
afterAll(async () => {
  closeClient();
  await h.close();
});
beforeEach(async () => {
  await h.control.reset({ propagationDelayMs: 100 });
  h.slack.reset();
  for (const s of await store.subscriptions.listAll())
    await store.subscriptions.remove(s.channelId, s.agentId);
  await engine.runCycle(); // forgets the agents of earlier tests and closes their notices
});

const topLevel = (channel: string) => h.slack.messagesTo(channel, false);
const reply = async (text: string, userId = SUPERVISOR) =>
  waitForPost(h, (await h.command(text, userId)).responseId);

/** Runs cycles until one reports what the test waits for (CXone shows a change after its propagation delay). */
function cycleUntil(what: string, done: (r: CycleReport) => boolean): Promise<CycleReport> {
  return waitFor(what, async () => {
    const report = await engine.runCycle();
    return done(report) ? report : undefined;
  });
}

describe('an agent on a real tenant logs out', () => {
  it('the notice names the agent and offers "Ask <name> to log in"; the ask goes to the agent; the return resolves it in its thread', async () => {
    const agent = h.agent('available');
    const started = await reply(`watch ${agent} <#${OPS}|ops>`);
    expect(allText(started)).toContain(`Now watching Maria Garcia in <#${OPS}> (now *Available*)`);
    expect(String(topLevel(OPS)[0]?.args.text)).toBe(
      `Watching *Maria Garcia* here — requested by <@${SUPERVISOR}>; I'll post when they log out of CXone.`,
    );

    await h.control.agentLogsOut(agent);
    const dropped = await cycleUntil('the drop', (r) => r.drops > 0);

    expect(dropped).toMatchObject({ drops: 1, notifications: 1, undelivered: 0 });
    const notice = topLevel(OPS).at(-1)!;
    expect(String(notice.args.text)).toBe('*Maria Garcia* logged out of CXone (was *Available*)');
    expect(allText(notice.args)).toMatch(/Logged out <!date\^\d+\^/);
    const message = notice.args as { blocks?: unknown[] };
    const ask = findButton(message, SESSION_ACTION.ask)!;
    expect(ask.text.text).toBe('Ask Maria Garcia to log in');
    expect(JSON.parse(ask.value)).toEqual({ a: agent });
    expect(findButton(message, SESSION_ACTION.login)).toBeUndefined();
    const [open] = await store.watcher.openDrops({ channelId: OPS });
    const dropTs = open!.messageTs;
    expect(dropTs).not.toBe('');

    // The button is the status card's: the agent is asked by DM; the answer goes beside the notice.
    h.slack.users.set('UMARIA1', { id: 'UMARIA1', email: h.sim.tenant.demoAgent('available').email });
    const click = await h.click(SESSION_ACTION.ask, ask.value, SUPERVISOR, {
      channel: OPS,
      ts: dropTs,
      ephemeral: false,
    });
    await waitForPostWith(h, click.responseId, 'waiting for them');
    expect(h.slack.messagesTo('UMARIA1')).toHaveLength(1);
    expect(h.slack.postsTo(click.responseId).every((p) => p.replace_original === false)).toBe(true);

    await h.control.agentLogsIn(agent);
    await h.control.setAgentState(agent, { state: 'Available' });
    await waitForPostWith(h, click.responseId, 'logged in and is *Available*');
    const back = await cycleUntil('the return', (r) => r.returns > 0);

    expect(back).toMatchObject({ returns: 1, notifications: 1 });
    const [threadReply] = h.slack.messagesTo(OPS, true);
    expect(threadReply?.args).toMatchObject({
      thread_ts: dropTs,
      text: '*Maria Garcia* is back in CXone — *Available*',
    });
    const update = h.slack.callsTo('chat.update').find((c) => c.args.ts === dropTs)!;
    expect(allText(update.args)).toContain('*Maria Garcia* logged out of CXone — back, *Available*');
    expect(hasButtons(update.args as { blocks?: unknown[] })).toBe(false);
    expect(await store.watcher.openDrops({ channelId: OPS })).toEqual([]);
    const [entry] = await store.audit
      .latest({ agentId: agent, limit: 5 })
      .then((all) => all.filter((e) => e.action === 'watch'));
    expect(entry).toMatchObject({ actor: SUPERVISOR, target: OPS, outcome: 'ok' });
  });

  it('two agents logging out in one cycle are one digest message, each with its button', async () => {
    const [liam, priya] = [h.agent('unavailable'), h.agent('onContact')];
    await reply(`watch ${liam} <#CDIGEST|digest>`);
    await reply(`watch ${priya} <#CDIGEST|digest>`);
    const before = topLevel('CDIGEST').length;

    await h.control.setAgentState(liam, { state: 'LoggedOut' });
    await h.control.setAgentState(priya, { state: 'LoggedOut' });
    expect(await engine.runCycle()).toMatchObject({ drops: 2, notifications: 1 });

    expect(topLevel('CDIGEST')).toHaveLength(before + 1);
    const digest = topLevel('CDIGEST').at(-1)!.args;
    expect(allText(digest)).toContain('2 agents logged out of CXone');
    expect(allText(digest)).toContain('*Liam Murphy* (was *Unavailable — Lunch*)');
    expect(JSON.stringify(digest)).toContain('Ask Priya Patel to log in');
    const open = await store.watcher.openDrops({ channelId: 'CDIGEST' });
    expect(new Set(open.map((n) => n.messageTs)).size).toBe(1);
  });

  it.each([200, 204, 304] as const)(
    'CXone answering "no change" with %i keeps the watch quiet, and the next logout is still seen',
    async (status) => {
      await h.control.reset({ propagationDelayMs: 0, noChangeStatus: status });
      const agent = h.agent('loggedInNoState');
      await reply(`watch ${agent} <#CQUIET|quiet>`);
      await engine.runCycle();

      expect(await engine.runCycle()).toMatchObject({ mode: 'bulk', changed: 0, drops: 0 });
      await h.control.setAgentState(agent, { state: 'LoggedOut' });
      expect(await engine.runCycle()).toMatchObject({ drops: 1, notifications: 1 });
    },
  );
});

describe('/agentstate watch, unwatch and watching on a real tenant', () => {
  it('watches a logged-out or deactivated agent, saying nothing can be reported until they log in or are reactivated', async () => {
    const loggedOut = await reply(`watch ${h.agent('loggedOut')}`);
    expect(allText(loggedOut)).toContain(
      'Hugo Martin is logged out now: nothing can be reported until they log in.',
    );
    const inactive = await reply(`watch ${h.agent('inactive')}`);
    expect(allText(inactive)).toContain(
      'Nora Kim is deactivated in CXone: nothing can be reported until they are reactivated.',
    );
    expect(allText(topLevel(CHANNEL.id)[0]?.args)).toContain('Hugo Martin is logged out now');
    expect((await store.subscriptions.listByChannel(CHANNEL.id)).map((s) => s.agentName).sort()).toEqual([
      'Hugo Martin',
      'Nora Kim',
    ]);

    const list = allText(await reply('watching'));
    expect(list).toContain('Watched here (2)');
    expect(list).toMatch(/\*Hugo Martin\* — :red_circle: \*Logged out\* since <!date/);
    expect(list).toContain('*Nora Kim* — :no_entry: deactivated in CXone');
  });

  it('a logout right after the watch, before any cycle, is reported: the watch recorded the state as the baseline', async () => {
    await engine.runCycle(); // the watcher has a cursor; Samir is not watched yet
    const agent = h.agent('loggedInNoState');
    await reply(`watch ${agent} <#CFAST|fast>`);
    await h.control.setAgentState(agent, { state: 'LoggedOut' });

    expect(await engine.runCycle()).toMatchObject({ drops: 1 });
    expect(String(topLevel('CFAST').at(-1)?.args.text)).toBe(
      '*Samir Haddad* logged out of CXone (was *Logged in, no state yet*)',
    );
  });

  it('unwatch by the stored name tells the channel and is audited; watching again says so', async () => {
    const agent = h.agent('available');
    await reply(`watch ${agent}`);
    expect(allText(await reply(`watch ${agent}`))).toContain('already watches');

    const stopped = await reply('unwatch "Maria Garcia"');
    expect(allText(stopped)).toContain(`<#${CHANNEL.id}> no longer watches Maria Garcia`);
    expect(String(topLevel(CHANNEL.id).at(-1)?.args.text)).toContain('Stopped watching *Maria Garcia* here');
    expect(await store.subscriptions.listAll()).toEqual([]);
    const [entry] = await store.audit.latest({ agentId: agent, limit: 1 });
    expect(entry).toMatchObject({ action: 'unwatch', actor: SUPERVISOR, outcome: 'ok' });
  });

  it('a member is refused watch and unwatch: nothing posted, nothing stored, no CXone read', async () => {
    const before = await h.control.count('GET /agents/{agentId}');
    expect(allText(await reply(`watch ${h.agent('available')}`, OUTSIDER))).toContain(
      'Only supervisors can change what a channel watches',
    );
    expect(allText(await reply(`unwatch ${h.agent('available')}`, OUTSIDER))).toContain('Only supervisors');
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(await store.subscriptions.listAll()).toEqual([]);
    expect(await h.control.count('GET /agents/{agentId}')).toBe(before);
  });
});
