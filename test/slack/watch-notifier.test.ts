import type { webApi } from '@slack/bolt';
import type { DropEvent, ReturnEvent } from '../../src/agentstate/watch';
import { ACTION } from '../../src/slack/ids';
import { createSlackWatchNotifier, type SlackWatchNotifierOptions } from '../../src/slack/watch-notifier';
import type { DropNotice, Subscription } from '../../src/store';
import { FakeClock } from '../agentstate/fake-clock';
import { available, fakeService, sales, silentLogger, support } from './fixtures';
import { allText, findButton, hasButtons } from './harness';

/** The Slack WatchNotifier against a recording Web API client and virtual time. */

interface Call {
  method: 'postMessage' | 'update';
  at: number;
  args: { channel: string; ts?: string; thread_ts?: string; text: string; blocks: Array<{ type: string }> };
}

function fakeClient(
  clock: FakeClock,
  failWhen: (args: Call['args'], n: number) => string | undefined = () => undefined,
) {
  const calls: Call[] = [];
  let seq = 0;
  const record = (method: Call['method']) => async (args: Call['args']) => {
    const n = calls.filter((c) => c.method === method).length;
    calls.push({ method, at: clock.now(), args });
    const error = failWhen(args, n);
    if (error)
      throw Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });
    return { ok: true, channel: args.channel, ts: args.ts ?? `1700000000.${String(++seq).padStart(6, '0')}` };
  };
  const client = { chat: { postMessage: record('postMessage'), update: record('update') } };
  return { client: client as unknown as webApi.WebClient, calls };
}

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const agentId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function drop(n: number, over: Partial<DropEvent> = {}): DropEvent {
  return {
    agentId: agentId(n),
    agentName: `Agent ${n}`,
    lastSkillId: sales.id,
    lastSkillName: 'Sales',
    previousStates: [],
    at: new Date(T0),
    ...over,
  };
}

function back(n: number, messageTs: string): ReturnEvent {
  const id = agentId(n);
  return {
    agentId: id,
    agentName: `Agent ${n}`,
    messageTs,
    states: [
      {
        agentId: id,
        skillId: support.id,
        stateId: sales.id,
        activityId: available.id,
        loginTime: '2025-03-01T09:05:00Z',
      },
    ],
    at: new Date(T0 + 300_000),
  };
}

function setup(over: Partial<SlackWatchNotifierOptions> = {}, failWhen?: Parameters<typeof fakeClient>[1]) {
  const clock = new FakeClock(T0);
  const { client, calls } = fakeClient(clock, failWhen);
  const notifier = createSlackWatchNotifier({
    client,
    logger: silentLogger,
    clock,
    service: fakeService(),
    ...over,
  });
  const posts = (channel?: string) =>
    calls.filter((c) => c.method === 'postMessage' && (!channel || c.args.channel === channel));
  return { notifier, calls, posts, clock };
}

describe('drop notices', () => {
  it('posts one message for an agent who dropped, with a "Log back in" button aimed at the last skill', async () => {
    const { notifier, posts } = setup();
    const result = await notifier.dropped('C1', [drop(1)]);

    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.args.text).toBe('*Agent 1* dropped out of every skill (last in *Sales*)');
    const button = findButton(posts()[0]!.args, ACTION.login)!;
    expect(button.text.text).toBe('Log back in');
    expect(JSON.parse(button.value)).toEqual({ a: agentId(1), s: sales.id });
    expect(button.confirm?.text.text).toContain('Log Agent 1 back in to *Sales*?');
    expect(result).toEqual([{ agentId: agentId(1), messageTs: '1700000000.000001' }]);
  });

  it('turns two drops in one channel and cycle into one digest: one new message per channel per cycle', async () => {
    const { notifier, posts } = setup();
    const result = await notifier.dropped('C1', [drop(1), drop(2)]);

    expect(posts()).toHaveLength(1);
    expect(allText(posts()[0]!.args)).toContain('2 agents dropped out of every skill');
    expect(result.map((r) => r.messageTs)).toEqual(['1700000000.000001', '1700000000.000001']);
  });

  it('names the last skill through the service when the event carries only its id', async () => {
    const { notifier, posts } = setup();
    await notifier.dropped('C1', [drop(1, { lastSkillId: support.id, lastSkillName: undefined })]);
    expect(posts()[0]!.args.text).toContain('(last in *Support*)');
  });

  it('turns five drops in one channel into one digest, every agent mapped to its ts', async () => {
    const { notifier, posts } = setup();
    const drops = [1, 2, 3, 4, 5].map((n) => drop(n));
    const result = await notifier.dropped('C1', drops);

    expect(posts()).toHaveLength(1);
    const digest = posts()[0]!.args;
    expect(allText(digest)).toContain('5 agents dropped out of every skill');
    expect(JSON.stringify(digest.blocks).match(/"action_id":"agentstate\.login"/g)).toHaveLength(5);
    expect(result).toEqual(drops.map((d) => ({ agentId: d.agentId, messageTs: '1700000000.000001' })));
  });

  it('keeps a digest of 120 agents within 50 blocks, summarising the agents beyond the buttons', async () => {
    const { notifier, posts } = setup();
    const result = await notifier.dropped(
      'C1',
      Array.from({ length: 120 }, (_, i) => drop(i + 1)),
    );
    const digest = posts()[0]!.args;
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(digest.blocks).match(/"action_id":"agentstate\.login"/g)).toHaveLength(45);
    expect(allText(digest)).toContain('…and 75 more: Agent 46, Agent 47');
    expect(new Set(result.map((r) => r.messageTs)).size).toBe(1);
    expect(result).toHaveLength(120);
  });

  it('posts at most one message per second per channel, without holding up other channels', async () => {
    const { notifier, posts } = setup();
    await Promise.all([
      notifier.dropped('C1', [drop(1)]),
      notifier.dropped('C1', [drop(2)]),
      notifier.dropped('C1', [drop(3)]),
      notifier.dropped('C2', [drop(4)]),
    ]);
    const c1 = posts('C1').map((c) => c.at);
    expect(c1).toHaveLength(3);
    expect(c1[1]! - c1[0]!).toBeGreaterThanOrEqual(1000);
    expect(c1[2]! - c1[1]!).toBeGreaterThanOrEqual(1000);
    expect(posts('C2')[0]!.at).toBe(T0);
  });

  it('throws when Slack refuses the digest, so the engine offers every agent in it again', async () => {
    const { notifier } = setup({}, () => 'ratelimited');
    await expect(notifier.dropped('C1', [drop(1), drop(2), drop(3)])).rejects.toThrow('ratelimited');
  });

  it('throws when nothing could be posted, e.g. the app was removed from the channel', async () => {
    const { notifier } = setup({}, () => 'not_in_channel');
    await expect(notifier.dropped('C1', [drop(1)])).rejects.toThrow('not_in_channel');
  });

  it('posts a redelivered notice again rather than risk losing it', async () => {
    const { notifier, posts } = setup();
    await notifier.dropped('C1', [drop(1)]);
    await notifier.dropped('C1', [drop(1, { redelivery: true })]);
    expect(posts()).toHaveLength(2);
  });
});

describe('agent back', () => {
  it('replies in the thread and edits the parent to a resolved version without the button', async () => {
    const { notifier, calls, posts } = setup();
    await notifier.returned('C1', [back(1, '1700000000.000042')]);

    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.args).toMatchObject({
      channel: 'C1',
      thread_ts: '1700000000.000042',
      text: '*Agent 1* is back in *Support* as *Available*',
    });
    const update = calls.find((c) => c.method === 'update')!;
    expect(update.args).toMatchObject({ channel: 'C1', ts: '1700000000.000042' });
    expect(allText(update.args)).toContain('back in *Support* as *Available*');
    expect(hasButtons(update.args)).toBe(false);
  });

  it('replies once per drop message when several of its agents are back in the same cycle', async () => {
    const { notifier, posts } = setup();
    await notifier.returned('C1', [
      back(1, '1700000000.000042'),
      back(2, '1700000000.000042'),
      back(3, '1700000000.000043'),
    ]);

    const replies = posts();
    expect(replies.map((p) => p.args.thread_ts)).toEqual(['1700000000.000042', '1700000000.000043']);
    expect(replies[0]!.args.text).toContain('*Agent 1* is back');
    expect(replies[0]!.args.text).toContain('*Agent 2* is back');
  });

  it('keeps the buttons of the agents of a digest who are still out', async () => {
    const ts = '1700000000.000007';
    const notice = (n: number): DropNotice => ({
      channelId: 'C1',
      agentId: agentId(n),
      messageTs: ts,
      lastSkill: sales.id,
      droppedAt: new Date(T0),
    });
    const subs = [1, 2, 3].map(
      (n): Subscription => ({
        channelId: 'C1',
        agentId: agentId(n),
        agentName: `Agent ${n}`,
        createdBy: 'U1',
        createdAt: new Date(T0),
      }),
    );
    const store = {
      watcher: { openDrops: async () => [notice(1), notice(2), notice(3)] },
      subscriptions: { listByChannel: async () => subs },
    };
    const { notifier, calls } = setup({ store });
    await notifier.returned('C1', [back(2, ts)]);

    const update = calls.find((c) => c.method === 'update')!;
    const text = allText(update.args);
    expect(text).toContain('2 agents dropped out of every skill');
    expect(text).toContain('Back: Agent 2');
    expect(JSON.stringify(update.args.blocks)).toContain(agentId(1));
    expect(JSON.stringify(update.args.blocks)).not.toContain(`"value":"{\\"a\\":\\"${agentId(2)}`);
  });

  it('throws when a reply could not be posted, so the return is offered again', async () => {
    const { notifier } = setup({}, (args) => (args.thread_ts ? 'ratelimited' : undefined));
    await expect(notifier.returned('C1', [back(1, '1.1')])).rejects.toThrow('ratelimited');
  });
});
