import { createCatalog } from '../../src/agentstate/catalog';
import { systemClock } from '../../src/agentstate/ports';
import { createWatchEngine, type WatchEngine } from '../../src/agentstate/watch';
import type { SimAgent } from '../../src/simulator';
import { trailingMention } from '../../src/slack/commands/watch';
import { ACTION } from '../../src/slack/ids';
import { createSlackWatchNotifier } from '../../src/slack/watch-notifier';
import type { Store } from '../../src/store';
import {
  allText,
  findButton,
  type Harness,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { markupProblems } from './markup-safety';

/**
 * Drop notices mention whom the watch named (a person or @here, never unasked), and when an agent comes
 * back after someone clicked **Log back in**, the thread and the notice say who fixed it.
 */

let h: Harness;
let store: Store;
let engine: WatchEngine;
let agents: SimAgent[];

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
const nameOf = (a: SimAgent) => `${a.firstName} ${a.lastName}`;

async function dropIn(channel: string, agent: SimAgent, watchText: string) {
  await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
  await waitForPost(h, (await h.command(watchText)).responseId);
  await engine.runCycle();
  await h.control.setAgentStates(agent.id, []);
  await engine.runCycle();
  return h.slack.messagesTo(channel, false).at(-1)!.args as { text?: string; blocks?: unknown[] };
}

describe('who a watch mentions', () => {
  it('reads a trailing @someone or @here after the name and channel, and leaves other words alone', () => {
    expect(trailingMention(['lopez', '<#C1|ops>', '<@U0SAM|sam>'])).toEqual({
      words: ['lopez', '<#C1|ops>'],
      mention: { kind: 'user', userId: 'U0SAM' },
    });
    expect(trailingMention(['<!here>'])).toEqual({ words: [], mention: { kind: 'here' } });
    expect(trailingMention(['@here'])).toEqual({ words: [], mention: { kind: 'here' } });
    expect(trailingMention(['<!channel>'])).toEqual({ words: ['<!channel>'] });
    expect(trailingMention(['lopez'])).toEqual({ words: ['lopez'] });
  });

  it('a watch naming @here stores it and its drop notice pings the channel', async () => {
    const agent = agents[20]!;
    const notice = await dropIn('CMEN1', agent, `watch ${agent.email} <#CMEN1|ops> <!here>`);
    expect((await store.subscriptions.listByChannel('CMEN1'))[0]?.mention).toEqual({ kind: 'here' });
    expect(notice.text).toBe(`<!here> *${nameOf(agent)}* dropped out of every skill (last in *Retention*)`);
    expect(markupProblems(notice, 'notice', { hereAskedFor: true })).toEqual([]);
  });

  it('a watch naming a person mentions them; a two-word name still resolves', async () => {
    const agent = agents[21]!;
    const notice = await dropIn('CMEN2', agent, `watch ${nameOf(agent)} <#CMEN2|ops> <@U0SAM|sam>`);
    expect(notice.text).toBe(`<@U0SAM> *${nameOf(agent)}* dropped out of every skill (last in *Retention*)`);
    const watched = h.slack.messagesTo('CMEN2', false)[0]!.args;
    expect(allText(watched)).toContain('Drop notices will mention <@U0SAM>');
  });

  it('a watch naming nobody mentions nobody', async () => {
    const agent = agents[22]!;
    const notice = await dropIn('CMEN3', agent, `watch ${agent.email} <#CMEN3|ops>`);
    expect(allText(notice)).not.toMatch(/<!here>|<@U/);
    expect(markupProblems(notice, 'notice')).toEqual([]);
  });
});

describe('Logged back in by', () => {
  it('names who clicked Log back in, in the thread reply and in the edited notice', async () => {
    const agent = agents[23]!;
    const notice = await dropIn('CMEN4', agent, `watch ${agent.email} <#CMEN4|ops>`);
    const ts = (await store.watcher.openDrops({ channelId: 'CMEN4' }))[0]!.messageTs;
    const back = findButton(notice, ACTION.login)!;
    const click = await h.click(ACTION.login, back.value, SUPERVISOR, {
      channel: 'CMEN4',
      ts,
      ephemeral: false,
    });
    await waitForPostWith(h, click.responseId, 'verified in');
    await waitFor(
      'the audit entry',
      async () => (await store.audit.latest({ agentId: agent.id, limit: 1 }))[0],
    );

    await engine.runCycle();
    const reply = h.slack.messagesTo('CMEN4', true).at(-1)!.args;
    expect(reply.text).toBe(
      `*${nameOf(agent)}* is back in *Retention* as *Available* — Logged back in by <@${SUPERVISOR}>`,
    );
    const update = h.slack.callsTo('chat.update').find((c) => c.args.ts === ts)!;
    expect(String(update.args.text)).toContain(`Logged back in by <@${SUPERVISOR}>`);
  });

  it('an agent who came back on their own is not credited to anyone', async () => {
    const agent = agents[24]!;
    await dropIn('CMEN5', agent, `watch ${agent.email} <#CMEN5|ops>`);
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    await engine.runCycle();
    const reply = h.slack.messagesTo('CMEN5', true).at(-1)!.args;
    expect(String(reply.text)).not.toContain('Logged back in by');
  });
});
