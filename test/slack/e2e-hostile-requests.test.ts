import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTION, BLOCK, SKILL_LOGIN_STATE, VIEW } from '../../src/slack/ids';
import {
  allText,
  type Harness,
  SIGNING_SECRET,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';
import { buttonPayload, commandBody, formPayload, postSigned, viewSubmissionPayload } from './slack-requests';

/**
 * Correctly signed requests that Slack would never send: bodies Bolt cannot handle, timestamps far from
 * now, reply addresses that are not Slack's, and captured requests sent again. Each is refused and the
 * app keeps serving.
 */

let h: Harness;
let events: string;
/** A host that is not Slack's, recording whatever the app would send it. */
let foreign: { server: Server; url: string; hits: string[] };

beforeAll(async () => {
  h = await startHarness({ store: true });
  events = `${h.baseUrl}/slack/events`;
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  foreign = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
});
afterAll(async () => {
  await new Promise<void>((resolve) => foreign.server.close(() => resolve()));
  await h.close();
});
beforeEach(async () => {
  h.slack.reset();
  foreign.hits.length = 0;
  await h.control.reset();
});

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

describe('a response_url that is not Slack’s', () => {
  const agent = () => h.sim.tenant.agents.find((a) => a.isActive)!;

  it('refuses a slash command in its acknowledgement and never calls that address', async () => {
    const res = await postSigned(events, SIGNING_SECRET, commandBody(agent().email, SUPERVISOR, foreign.url));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('refused'),
    });
    await expectStillServing();
    expect(foreign.hits).toEqual([]);
    expect((await h.control.counts()).total).toBe(0);
  });

  it('refuses a login click: nothing is posted there, no operation stores it, CXone is not called', async () => {
    await h.control.setAgentStates(agent().id, []);
    const value = JSON.stringify({ a: agent().id });
    const res = await h.interact(buttonPayload(ACTION.login, value, SUPERVISOR, foreign.url));
    expect(res.status).toBe(200);
    const told = await waitFor('the ephemeral refusal', () => h.slack.callsTo('chat.postEphemeral')[0]);
    expect(told.args).toMatchObject({ user: SUPERVISOR, text: expect.stringContaining('refused') });
    await expectStillServing();
    expect(foreign.hits).toEqual([]);
    expect(await h.store!.operations.listUnfinished()).toEqual([]);
    expect(await h.control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
  });

  it('refuses a login form whose stored reply address is not Slack’s', async () => {
    const metadata = JSON.stringify({ a: agent().id, ru: foreign.url, c: 'C0001' });
    const values = {
      [BLOCK.skill]: { [ACTION.skillSelect]: { selected_option: { value: h.sim.tenant.skills[0]!.id } } },
      [BLOCK.state]: { [ACTION.stateSelect]: { selected_option: { value: SKILL_LOGIN_STATE } } },
    };
    const res = await h.submit(SUPERVISOR, { callback_id: VIEW.login, private_metadata: metadata }, values);
    expect(JSON.parse(res.text)).toMatchObject({ response_action: 'errors' });
    await expectStillServing();
    expect(foreign.hits).toEqual([]);
    expect(await h.control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
  });
});

describe('a state-changing request that arrives again', () => {
  const LOGIN_POST = 'POST /api/v2/agents/{agentId}/states';
  const agent = () => h.sim.tenant.agents.filter((a) => a.isActive)[1]!;

  /** Sends the very bytes and headers of an earlier request, as someone who captured it would. */
  const replay = (body: string, timestamp: number) => postSigned(events, SIGNING_SECRET, body, { timestamp });

  it('refuses a captured login click replayed after the agent was logged out', async () => {
    await h.control.setAgentStates(agent().id, []);
    const body = formPayload(
      buttonPayload(
        ACTION.login,
        JSON.stringify({ a: agent().id }),
        SUPERVISOR,
        h.slack.responseUrl('first'),
      ),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await replay(body, timestamp)).status).toBe(200);
    await waitForPostWith(h, 'first', 'verified in');
    await waitFor('the login to end', async () => (await h.store!.operations.listUnfinished()).length === 0);
    await h.control.setAgentStates(agent().id, []);
    const loginsBefore = await h.control.count(LOGIN_POST);

    expect((await replay(body, timestamp)).status).toBe(200);
    const refusal = await waitForPostWith(h, 'first', 'already handled');
    expect(refusal.replace_original).toBe(false);
    await expectStillServing();
    expect(await h.control.count(LOGIN_POST)).toBe(loginsBefore);
    expect(h.sim.tenant.visibleStates(agent().id)).toEqual([]);
  });

  it('refuses a login form submitted again with the same trigger_id', async () => {
    await h.control.setAgentStates(agent().id, []);
    const metadata = JSON.stringify({ a: agent().id, ru: h.slack.responseUrl('form'), c: 'C0001' });
    const values = {
      [BLOCK.skill]: { [ACTION.skillSelect]: { selected_option: { value: h.sim.tenant.skills[0]!.id } } },
      [BLOCK.state]: { [ACTION.stateSelect]: { selected_option: { value: SKILL_LOGIN_STATE } } },
    };
    const body = formPayload(
      viewSubmissionPayload(SUPERVISOR, { callback_id: VIEW.login, private_metadata: metadata }, values),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    await replay(body, timestamp);
    await waitFor('the login', () =>
      h.slack.postsTo('form').find((p) => /verified in|Could not/.test(allText(p))),
    );
    await waitFor('the login to end', async () => (await h.store!.operations.listUnfinished()).length === 0);
    await h.control.setAgentStates(agent().id, []);
    const loginsBefore = await h.control.count(LOGIN_POST);
    const postsBefore = h.slack.postsTo('form').length;

    expect((await replay(body, timestamp)).status).toBe(200);
    await expectStillServing();
    expect(await h.control.count(LOGIN_POST)).toBe(loginsBefore);
    expect(h.slack.postsTo('form')).toHaveLength(postsBefore);
  });
});
