import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import {
  allText,
  findButton,
  type Harness,
  startHarness,
  waitFor,
  waitForPost,
  waitForPostWith,
} from './harness';

/**
 * End to end: CXone failures become cards with the reason and the fix, never silence. Scope failures use
 * the simulator's seeded clients with fewer scopes; server failures use its fault injection.
 */

const STATES = '/api/v2/agents/{agentId}/states';

describe('with the full-scope client', () => {
  let h: Harness;
  let agent: SimAgent;
  beforeAll(async () => {
    h = await startHarness({ defaultSkill: 'Billing' });
    agent = h.sim.tenant.agents.find((a) => a.isActive)!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.control.reset();
    h.slack.reset();
  });

  it('shows "credentials rejected" and its fix when CXone keeps answering 401', async () => {
    await h.control.addFaults({ method: 'GET', path: STATES, status: 401, times: 10 });
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    expect(allText(card)).toContain('CXone rejected the app’s credentials');
    expect(allText(card)).toContain('CXONE_CLIENT_ID and CXONE_CLIENT_SECRET');
  });

  it('shows "CXone is not answering" and its fix after 5xx retries run out', async () => {
    await h.control.addFaults({ method: 'GET', path: STATES, status: 503, times: 20 });
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    expect(allText(card)).toContain('CXone is not answering');
    expect(allText(card)).toContain('CXone status page');
  });

  it('shows the rate limit and its fix when CXone keeps answering 429', async () => {
    await h.control.addFaults({ method: 'GET', path: STATES, status: 429, retryAfter: 0, times: 20 });
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    expect(allText(card)).toContain('rate limiting');
  });

  it('shows an error card in place of the progress when the login POST fails', async () => {
    await h.control.setAgentStates(agent.id, []);
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    await h.control.addFaults({ method: 'POST', path: STATES, status: 400, times: 1 });
    const click = await h.click(ACTION.login, findButton(card, ACTION.login)!.value);
    const result = await waitForPostWith(h, click.responseId, 'CXone rejected the request');
    expect(result.replace_original).toBe(true);
    expect(allText(result)).toContain('Fix:');
  });

  it('waits out a Slack 429 (Retry-After) and still posts the shared card', async () => {
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    h.slack.rateLimit('chat.postMessage', 1, 1);
    await h.click(ACTION.share, findButton(card, ACTION.share)!.value);
    await waitFor('the retried chat.postMessage', () => h.slack.callsTo('chat.postMessage')[1]);
  });

  it('says so when Slack refuses to open the login form (late click, expired trigger)', async () => {
    await h.control.setAgentStates(agent.id, []);
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    h.slack.fail('views.open', 'expired_trigger_id');
    const click = await h.click(ACTION.openLoginModal, findButton(card, ACTION.openLoginModal)!.value);
    const reply = await waitForPost(h, click.responseId);
    expect(allText(reply)).toContain('Could not open the login form (expired_trigger_id)');
  });

  it('explains that the app must be invited when sharing into a channel it cannot post to', async () => {
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    h.slack.closedChannels.add('C0001');
    const click = await h.click(ACTION.share, findButton(card, ACTION.share)!.value);
    const reply = await waitForPost(h, click.responseId);
    expect(allText(reply)).toContain('not_in_channel');
    expect(allText(reply)).toContain('/invite');
  });
});

describe('with a read-only OAuth client (no Agent-Write)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      defaultSkill: 'Billing',
      clientId: 'agentstate-readonly',
      clientSecret: 'readonly-secret',
    });
  });
  afterAll(() => h.close());

  it('offers no login button and names the missing Agent-Write scope on the status card', async () => {
    const agent = h.sim.tenant.agents.filter((a) => a.isActive)[1]!;
    await h.control.setAgentStates(agent.id, []);
    const card = await waitForPost(h, (await h.command(agent.email)).responseId);
    expect(allText(card)).toContain('Grant Agent-Write');
    expect(findButton(card, ACTION.login)).toBeUndefined();
    expect(findButton(card, ACTION.openLoginModal)).toBeUndefined();
  });

  it('shows the 403 with how to grant the scope when a login is clicked anyway (an older card)', async () => {
    const agent = h.sim.tenant.agents.filter((a) => a.isActive)[1]!;
    await h.control.setAgentStates(agent.id, []);
    const click = await h.click(
      ACTION.login,
      JSON.stringify({ a: agent.id, s: h.sim.tenant.skillByName('Billing')!.id }),
    );
    const result = await waitForPostWith(h, click.responseId, 'missing a permission');
    expect(allText(result)).toContain('Agent-Write');
    expect(allText(result)).toContain('OAuth Clients');
    expect(result.replace_original).toBe(true);
  });
});

describe('with a write-only OAuth client (no Agent-Read)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clientId: 'agentstate-writeonly', clientSecret: 'writeonly-secret' });
  });
  afterAll(() => h.close());

  it('shows the missing Agent-Read scope instead of an empty or silent answer', async () => {
    const agent = h.sim.tenant.agents[0]!;
    const card = await waitForPost(h, (await h.command(agent.id)).responseId);
    expect(allText(card)).toContain('Agent-Read');
    expect(allText(card)).not.toContain('Not logged in');
  });
});

describe('with wrong client credentials', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clientSecret: 'wrong-secret' });
  });
  afterAll(() => h.close());

  it('answers /readyz with 503 and shows the credentials card on a command', async () => {
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    const card = await waitForPost(h, (await h.command('skills')).responseId);
    expect(allText(card)).toContain('CXone rejected the app’s credentials');
  });
});
