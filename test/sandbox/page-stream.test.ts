import { MEMBER, SUPERVISOR } from '../../src/sandbox';
import { snapshot } from '../../src/sandbox/page-stream';
import { CHANNEL, type Sandbox, startSandbox } from './helpers';

/**
 * What the page is pushed about threads: the replies themselves (marked with their parent's ts), and under
 * each parent what Slack shows there — how many replies, who wrote them, when the last came.
 */

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(() => sb.close());

const page = { actors: [], hints: [] };
const seen = (userId: string) => snapshot(sb.ws, userId, page).messages;

async function thread() {
  const parent = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'Ana dropped out' });
  const back = await sb.client.chat.postMessage({
    channel: CHANNEL,
    text: 'Ana is back',
    thread_ts: parent.ts!,
  });
  await sb.ui('message', { user: MEMBER.id, channel: CHANNEL, threadTs: parent.ts, text: 'thanks' });
  return { parentTs: parent.ts!, backTs: back.ts! };
}

it('gives a parent its reply count, the members who replied and the last reply’s ts', async () => {
  const { parentTs, backTs } = await thread();
  const messages = seen(SUPERVISOR.id);
  const latest = messages.at(-1)!;
  expect(messages.find((m) => m.ts === parentTs)).toMatchObject({
    threadTs: null,
    replyCount: 2,
    replyUsers: ['U0AGENTSTATE', MEMBER.id],
    latestReply: latest.ts,
  });
  expect(messages.find((m) => m.ts === backTs)).toMatchObject({ threadTs: parentTs, text: 'Ana is back' });
  expect(latest).toMatchObject({ threadTs: parentTs, user: MEMBER.id });
});

it('shows an ephemeral reply in the thread to its member only, and does not count it', async () => {
  const { parentTs } = await thread();
  await sb.client.chat.postEphemeral({
    channel: CHANNEL,
    user: SUPERVISOR.id,
    text: 'only you',
    thread_ts: parentTs,
  });
  expect(seen(SUPERVISOR.id).find((m) => m.text === 'only you')).toMatchObject({ threadTs: parentTs });
  expect(seen(MEMBER.id).some((m) => m.text === 'only you')).toBe(false);
  expect(seen(SUPERVISOR.id).find((m) => m.ts === parentTs)?.replyCount).toBe(2);
});

it('keeps a deleted parent’s thread under a stand-in, in the parent’s place', async () => {
  const { parentTs } = await thread();
  const after = await sb.client.chat.postMessage({ channel: CHANNEL, text: 'later, in the channel' });
  sb.ws.remove(sb.ws.message(CHANNEL, parentTs)!);
  const messages = seen(SUPERVISOR.id);
  const standIn = messages.findIndex((m) => m.ts === parentTs);
  expect(messages[standIn]).toMatchObject({
    tombstone: true,
    text: 'This message was deleted.',
    replyCount: 2,
  });
  expect(standIn).toBeLessThan(messages.findIndex((m) => m.ts === after.ts));
});
