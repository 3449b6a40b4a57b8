import { type Harness, SIGNING_SECRET, startHarness, waitForPost } from './harness';
import { postSigned } from './slack-requests';

/**
 * Correctly signed requests that Slack would never send: bodies Bolt cannot handle and timestamps far
 * from now. Each is refused and the app keeps serving.
 */

let h: Harness;
let events: string;

beforeAll(async () => {
  h = await startHarness();
  events = `${h.baseUrl}/slack/events`;
});
afterAll(() => h.close());
beforeEach(() => h.slack.reset());

/** A command answered afterwards proves the process is alive and nothing was left hanging. */
async function expectStillServing() {
  const probe = await h.command('help');
  expect(probe.status).toBe(200);
  await waitForPost(h, probe.responseId);
}

describe('bodies that are not a Slack payload', () => {
  it.each([
    ['payload=null', false],
    ['payload=%5B%5D', false],
    ['payload=42', false],
    ['null', true],
    ['[1,2]', true],
  ])('answers 400 to the signed body %s and keeps serving', async (body, json) => {
    const res = await postSigned(events, SIGNING_SECRET, body, { json });
    expect(res.status).toBe(400);
    await expectStillServing();
  });
});

describe('request timestamps', () => {
  const nowS = () => Math.floor(Date.now() / 1000);

  it.each([
    ['six minutes ahead', 6 * 60],
    ['a year ahead', 365 * 24 * 3600],
  ])('answers 401 to a correctly signed request from %s and does nothing', async (_, ahead) => {
    const sent = await h.command('help', undefined, { timestamp: nowS() + ahead });
    expect(sent.status).toBe(401);
    await expectStillServing();
    expect(h.slack.postsTo(sent.responseId)).toEqual([]);
  });

  it('accepts a request whose clock is a minute ahead (skew within five minutes)', async () => {
    const sent = await h.command('help', undefined, { timestamp: nowS() + 60 });
    expect(sent.status).toBe(200);
    await waitForPost(h, sent.responseId);
  });
});
