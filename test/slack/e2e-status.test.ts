import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import {
  allText,
  findButton,
  type Harness,
  OUTSIDER,
  SUPERVISOR,
  startHarness,
  waitFor,
  waitForPost,
} from './harness';
import { commandBody } from './slack-requests';

/** End to end: signed /agentstate requests to the real HTTP receiver, the simulator behind the service. */

let h: Harness;
let agents: SimAgent[];

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing' });
  agents = h.sim.tenant.agents.filter((a) => a.isActive);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const skill = (name: string) => h.sim.tenant.skillByName(name)!;
const activity = (name: string) => h.sim.tenant.activityByName(name)!;

describe('/agentstate <agent>', () => {
  it('acks at once with an empty 200 and then shows the states of a logged-in agent', async () => {
    const ada = agents[0]!;
    await h.control.setAgentStates(ada.id, [
      { skillId: skill('Sales EN').id, activityId: activity('Busy').id },
    ]);

    const sent = await h.command(ada.email);
    expect(sent.status).toBe(200);
    expect(sent.text).toBe('');

    const card = await waitForPost(h, sent.responseId);
    expect(card.response_type).toBe('ephemeral');
    const text = allText(card);
    expect(text).toContain(`${ada.firstName} ${ada.lastName}`);
    expect(text).toContain(ada.id);
    expect(text).toContain('Sales EN');
    expect(text).toContain('Logged In');
    expect(text).toContain('Busy');
    expect(text).toContain('Source: CXone');
    expect(findButton(card, ACTION.share)).toBeDefined();
    expect(findButton(card, ACTION.login)).toBeUndefined();
  });

  it('acks before CXone has answered, and answers through the response_url afterwards', async () => {
    await h.control.setConfig({ latencyMs: 1500 });
    try {
      const sent = await h.command(agents[0]!.email);
      expect(sent.status).toBe(200);
      expect(h.slack.postsTo(sent.responseId)).toEqual([]);
      expect(allText(await waitForPost(h, sent.responseId))).toContain(agents[0]!.id);
    } finally {
      await h.control.setConfig({ latencyMs: 0 });
    }
  });

  it('explains an empty state list and offers a confirmed login button naming agent and target', async () => {
    const ben = agents[1]!;
    await h.control.setAgentStates(ben.id, []);

    const card = await waitForPost(h, (await h.command(ben.userName)).responseId);
    expect(allText(card)).toContain('Not logged in to any skill');
    const button = findButton(card, ACTION.login);
    expect(button?.style).toBe('primary');
    expect(button?.confirm?.text.text).toContain(ben.firstName);
    expect(button?.confirm?.text.text).toContain('Billing');
    expect(button?.confirm?.text.text).toContain('Available');
  });

  it('posts the card for the whole channel when "Share in channel" is clicked', async () => {
    const ada = agents[0]!;
    const card = await waitForPost(h, (await h.command(ada.email)).responseId);
    const share = findButton(card, ACTION.share)!;

    await h.click(ACTION.share, share.value, OUTSIDER);
    const posted = await waitForCall('chat.postMessage');
    expect(posted.args.channel).toBe('C0001');
    expect(allText(posted.args)).toContain(ada.id);
    expect(allText(posted.args)).toContain(`Shared by <@${OUTSIDER}>`);
  });

  it('shows usage with a "did you mean" for a mistyped subcommand and never calls CXone', async () => {
    const before = (await h.control.counts()).total;
    const card = await waitForPost(h, (await h.command('dignose ada')).responseId);
    expect(allText(card)).toContain('Did you mean `/agentstate diagnose ada`?');
    const garbage = await waitForPost(h, (await h.command('!!! ### <script>')).responseId);
    expect(allText(garbage)).toContain('How to use /agentstate');
    expect((await h.control.counts()).total).toBe(before);
  });

  it('shows usage for help and empty text, with the watch and audit commands', async () => {
    for (const text of ['', 'help']) {
      const card = await waitForPost(h, (await h.command(text)).responseId);
      expect(allText(card)).toContain('/agentstate diagnose &lt;agent&gt;');
      expect(allText(card)).toContain('/agentstate watch &lt;agent&gt; [#channel]');
      expect(allText(card)).toContain('/agentstate audit [agent]');
    }
  });

  it('says watching needs a database when the app runs without one', async () => {
    const card = await waitForPost(h, (await h.command(`watch ${agents[0]!.userName}`)).responseId);
    expect(allText(card)).toContain("needs the app's database");
  });

  it('adds a "did you mean" to a single word that matches no agent but is close to a subcommand', async () => {
    const card = await waitForPost(h, (await h.command('skils')).responseId);
    expect(allText(card)).toContain('No CXone agent matches `skils`');
    expect(allText(card)).toContain('Did you mean `/agentstate skills`?');
  });

  it('lists the skills with their ids', async () => {
    const card = await waitForPost(h, (await h.command('skills')).responseId);
    expect(allText(card)).toContain(skill('Support Tier 2').id);
    expect(allText(card)).toContain('(inactive)');
  });

  it('runs every diagnostic check and shows ✓ and ✗ with the fix', async () => {
    const ben = agents[1]!;
    await h.control.setAgentStates(ben.id, []);
    const card = await waitForPost(h, (await h.command(`diagnose ${ben.email}`)).responseId);
    const text = allText(card);
    expect(text).toContain('✓');
    expect(text).toContain('✗');
    expect(text).toContain('Fix:');
    expect(findButton(card, ACTION.login)).toBeDefined();
  });
});

describe('mentions', () => {
  it('resolves <@U…> through the member email to the agent with that email', async () => {
    const ada = agents[0]!;
    h.slack.users.set('UADA', { id: 'UADA', email: ada.email });
    const card = await waitForPost(h, (await h.command('<@UADA|ada>')).responseId);
    expect(allText(card)).toContain(ada.id);
    expect(h.slack.callsTo('users.info')[0]?.args.user).toBe('UADA');
  });

  it('says when the member has no email visible to the app', async () => {
    h.slack.users.set('UNOMAIL', { id: 'UNOMAIL' });
    const card = await waitForPost(h, (await h.command('<@UNOMAIL>')).responseId);
    expect(allText(card)).toContain('users:read.email');
  });

  it('says when no agent has the member email', async () => {
    h.slack.users.set('USTRANGER', { id: 'USTRANGER', email: 'nobody@elsewhere.test' });
    const card = await waitForPost(h, (await h.command('<@USTRANGER>')).responseId);
    expect(allText(card)).toContain('No CXone agent has the email of <@USTRANGER> (nobody@elsewhere.test)');
  });
});

describe('request verification', () => {
  it('answers 401 to a wrong signature and does nothing', async () => {
    const before = (await h.control.counts()).total;
    const sent = await h.command(agents[0]!.email, SUPERVISOR, { secret: 'not-the-secret' });
    expect(sent.status).toBe(401);
    const forged = await h.command(agents[0]!.email, SUPERVISOR, { signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    await expectNothingHappened(before);
  });

  it('answers 401 to a correctly signed request older than five minutes and does nothing', async () => {
    const before = (await h.control.counts()).total;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await h.command(agents[0]!.email, SUPERVISOR, { timestamp: stale });
    expect(sent.status).toBe(401);
    await expectNothingHappened(before);
  });

  it('answers 401 to a request without signature headers', async () => {
    const res = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: commandBody('help', SUPERVISOR, h.slack.responseUrl('x')),
    });
    expect(res.status).toBe(401);
  });
});

describe('operational routes', () => {
  it('serves /healthz, /readyz and Prometheus /metrics on the same port', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { cxoneToken: 'ok' } });
    await waitForPost(h, (await h.command('skills')).responseId);
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toContain('agentstate_slack_commands_total{subcommand="skills",outcome="ok"}');
    expect(metrics).toContain('agentstate_cxone_requests_total{endpoint="GET /api/v2/skills",status="200"}');
    expect(metrics).toContain('agentstate_cxone_request_duration_seconds_bucket');
  });
});

function waitForCall(method: string) {
  return waitFor(`a ${method} call`, () => h.slack.callsTo(method)[0]);
}

/** Give the app a chance to misbehave: a follow-up request that must be answered proves it has run. */
async function expectNothingHappened(cxoneRequestsBefore: number) {
  const probe = await h.command('help');
  await waitForPost(h, probe.responseId);
  expect(h.slack.responses.filter((r) => r.id !== probe.responseId)).toEqual([]);
  expect((await h.control.counts()).total).toBe(cxoneRequestsBefore);
}
