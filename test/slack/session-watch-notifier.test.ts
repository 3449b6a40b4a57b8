import type { webApi } from '@slack/bolt';
import type { Capability } from '../../src/agentstate/sessions';
import type { SessionDropEvent, SessionReturnEvent } from '../../src/agentstate/watch';
import { SESSION_ACTION } from '../../src/slack/sessions/values';
import { createSessionWatchNotifier } from '../../src/slack/sessions/watch-notifier';
import type { DropNotice, Subscription } from '../../src/store';
import { FakeClock } from '../agentstate/fake-clock';
import { silentLogger } from './fixtures';
import { allText, findButton, hasButtons } from './harness';
import { expectNoForeignMarkup, HOSTILE_NAMES } from './markup-safety';

/** The incontact watch notices against a recording Web API client and virtual time. */

interface Call {
  method: 'postMessage' | 'update';
  args: { channel: string; ts?: string; thread_ts?: string; text: string; blocks: Array<{ type: string }> };
}

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const NO_IMPERSONATION: Capability[] = ['make_available', 'make_unavailable', 'force_logout'];

function setup(opts: { capabilities?: Capability[]; open?: DropNotice[]; subs?: Subscription[] } = {}) {
  const clock = new FakeClock(T0);
  const calls: Call[] = [];
  let seq = 0;
  const record = (method: Call['method']) => async (args: Call['args']) => {
    calls.push({ method, args });
    return { ok: true, channel: args.channel, ts: args.ts ?? `1700000000.${String(++seq).padStart(6, '0')}` };
  };
  const client = { chat: { postMessage: record('postMessage'), update: record('update') } };
  const notifier = createSessionWatchNotifier({
    client: client as unknown as webApi.WebClient,
    capabilities: opts.capabilities ?? NO_IMPERSONATION,
    logger: silentLogger,
    clock,
    store: {
      watcher: { openDrops: async () => opts.open ?? [] },
      subscriptions: { listByChannel: async () => opts.subs ?? [] },
    },
  });
  const posts = () => calls.filter((c) => c.method === 'postMessage');
  return { notifier, calls, posts };
}

const drop = (n: number, over: Partial<SessionDropEvent> = {}): SessionDropEvent => ({
  agentId: String(1000 + n),
  agentName: `Agent ${n}`,
  previous: { state: 'Available', since: '2025-03-01T08:00:00.000Z' },
  at: new Date(T0),
  loggedOutAt: new Date(T0 - 7_000),
  ...over,
});

const back = (n: number, messageTs: string): SessionReturnEvent => ({
  agentId: String(1000 + n),
  agentName: `Agent ${n}`,
  messageTs,
  state: { state: 'Unavailable', since: '2025-03-01T09:04:00.000Z', reason: 'Break' },
  at: new Date(T0 + 300_000),
});

describe('incontact drop notices', () => {
  it('one agent: its name, the state it left, when CXone ended the session, and "Ask <name> to log in"', async () => {
    const { notifier, posts } = setup();
    const result = await notifier.dropped('C1', [drop(1)]);

    expect(posts()).toHaveLength(1);
    const message = posts()[0]!.args;
    expect(message.text).toBe('*Agent 1* logged out of CXone (was *Available*)');
    expect(allText(message)).toContain(`Logged out <!date^${(T0 - 7_000) / 1000}^`);
    const ask = findButton(message, SESSION_ACTION.ask)!;
    expect(ask.text.text).toBe('Ask Agent 1 to log in');
    expect(JSON.parse(ask.value)).toEqual({ a: '1001' });
    expect(findButton(message, SESSION_ACTION.login)).toBeUndefined();
    // Names, not ids: the id travels only in the button's value.
    expect(JSON.stringify(message, (key, v) => (key === 'value' ? undefined : v))).not.toContain('1001');
    expect(result).toEqual([{ agentId: '1001', messageTs: '1700000000.000001' }]);
  });

  it('when the app may start sessions as agents, the button is "Log in", with a confirmation', async () => {
    const { notifier, posts } = setup({ capabilities: [...NO_IMPERSONATION, 'start_session'] });
    await notifier.dropped('C1', [drop(1)]);

    const login = findButton(posts()[0]!.args, SESSION_ACTION.login)!;
    expect(login.text.text).toBe('Log in');
    expect(login.confirm?.text.text).toContain('starts a CXone session as Agent 1');
    expect(findButton(posts()[0]!.args, SESSION_ACTION.ask)).toBeUndefined();
  });

  it('a redelivered notice (the state before is gone) still names the agent and offers the button', async () => {
    const { notifier, posts } = setup();
    await notifier.dropped('C1', [
      drop(1, { previous: undefined, loggedOutAt: undefined, redelivery: true }),
    ]);
    expect(posts()[0]!.args.text).toBe('*Agent 1* logged out of CXone');
    expect(allText(posts()[0]!.args)).toContain(`Logged out <!date^${T0 / 1000}^`);
    expect(findButton(posts()[0]!.args, SESSION_ACTION.ask)).toBeDefined();
  });

  it('names from CXone cannot ping or link, in any of the notices or their edits', async () => {
    const names = Object.values(HOSTILE_NAMES);
    const { notifier, calls } = setup({
      open: [{ channelId: 'C1', agentId: '1002', messageTs: '1700000000.000001', droppedAt: new Date(T0) }],
      subs: [
        {
          channelId: 'C1',
          agentId: '1002',
          agentName: names.join(' '),
          createdBy: 'U1',
          createdAt: new Date(T0),
        },
      ],
    });
    const hostile = (n: number) => ({
      agentName: `${names.join(' ')} ${n}`,
      previous: { state: 'Unavailable' as const, since: '2025-03-01T08:00:00.000Z', reason: names.join(' ') },
    });
    await notifier.dropped('C1', [drop(1, hostile(1))]);
    await notifier.dropped('C1', [drop(1, hostile(1)), drop(2, hostile(2))]);
    await notifier.returned('C1', [{ ...back(1, '1700000000.000001'), agentName: names.join(' ') }]);

    expect(calls.length).toBeGreaterThanOrEqual(4);
    expectNoForeignMarkup(calls.map((c, i) => ({ where: `${c.method} #${i}`, message: c.args })));
    expect(calls[0]!.args.text).toContain('&lt;!channel&gt;');
  });

  it('several agents in one channel and cycle: one digest message, each with its button, all mapped to its ts', async () => {
    const { notifier, posts } = setup();
    const result = await notifier.dropped('C1', [drop(1), drop(2), drop(3)]);

    expect(posts()).toHaveLength(1);
    const digest = posts()[0]!.args;
    expect(allText(digest)).toContain('3 agents logged out of CXone');
    expect(JSON.stringify(digest.blocks).match(/"action_id":"agentstate\.session\.ask"/g)).toHaveLength(3);
    expect(new Set(result.map((r) => r.messageTs))).toEqual(new Set(['1700000000.000001']));
  });

  it('a digest of 120 agents stays within 50 blocks and names the rest', async () => {
    const { notifier, posts } = setup();
    await notifier.dropped(
      'C1',
      Array.from({ length: 120 }, (_, i) => drop(i + 1)),
    );
    const digest = posts()[0]!.args;
    expect(digest.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(digest)).toContain('…and 75 more: Agent 46, Agent 47');
  });
});

describe('incontact: agent back', () => {
  it('replies in the thread with the state now and edits the parent to a resolved version without buttons', async () => {
    const { notifier, calls, posts } = setup();
    await notifier.returned('C1', [back(1, '1700000000.000042')]);

    expect(posts()[0]!.args).toMatchObject({
      channel: 'C1',
      thread_ts: '1700000000.000042',
      text: '*Agent 1* is back in CXone — *Unavailable — Break*',
    });
    const update = calls.find((c) => c.method === 'update')!;
    expect(update.args).toMatchObject({ channel: 'C1', ts: '1700000000.000042' });
    expect(allText(update.args)).toContain('*Agent 1* logged out of CXone — back, *Unavailable — Break*');
    expect(hasButtons(update.args)).toBe(false);
  });

  it('a digest some of whose agents are back keeps the buttons of those still out', async () => {
    const ts = '1700000000.000042';
    const { notifier, calls } = setup({
      open: [
        { channelId: 'C1', agentId: '1001', messageTs: ts, droppedAt: new Date(T0) },
        { channelId: 'C1', agentId: '1002', messageTs: ts, droppedAt: new Date(T0) },
      ],
      subs: [
        {
          channelId: 'C1',
          agentId: '1002',
          agentName: 'Bo Still-Out',
          createdBy: 'U1',
          createdAt: new Date(T0),
        },
      ],
    });
    await notifier.returned('C1', [back(1, ts)]);

    const update = calls.find((c) => c.method === 'update')!;
    expect(allText(update.args)).toContain('1 agent logged out of CXone');
    expect(allText(update.args)).toContain(':white_check_mark: Back: Agent 1 (see thread)');
    expect(JSON.parse(findButton(update.args, SESSION_ACTION.ask)!.value)).toEqual({ a: '1002' });
    expect(findButton(update.args, SESSION_ACTION.ask)!.text.text).toBe('Ask Bo Still-Out to log in');
  });
});
