import type { SimAgent } from '../../src/simulator';
import { ACTION } from '../../src/slack/ids';
import {
  allText,
  findButton,
  type Harness,
  SUPERVISOR,
  startHarness,
  waitForPost,
  waitForPostWith,
} from './harness';

/** End to end: a change that cannot work is refused, with the real reason, before anything is sent to CXone. */

const LOGIN_POST = 'POST /api/v2/agents/{agentId}/states';
const LOGOUT_DELETE = 'DELETE /api/v2/agents/{agentId}/states/{stateId}';

let h: Harness;
let inactive: SimAgent;
let active: SimAgent[];

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing' });
  const found = h.sim.tenant.agents.find((a) => !a.isActive);
  if (!found) throw new Error('the seeded tenant has no deactivated agent');
  inactive = found;
  active = h.sim.tenant.agents.filter((a) => a.isActive);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const skill = (name: string) => h.sim.tenant.skillByName(name)!;

describe('a deactivated agent', () => {
  it('login answers that the account is deactivated and how to fix it, with no login button and no POST', async () => {
    const card = await waitForPost(h, (await h.command(`login ${inactive.email}`, SUPERVISOR)).responseId);
    expect(allText(card)).toContain('is deactivated in CXone');
    expect(allText(card)).toContain('reactivate the account in CXone');
    expect(findButton(card, ACTION.login)).toBeUndefined();
    expect(findButton(card, ACTION.openLoginModal)).toBeUndefined();
    expect(await h.control.count(LOGIN_POST)).toBe(0);
  });

  it('a login button from an older card is refused at the click with the same reason, and nothing is posted', async () => {
    const value = JSON.stringify({ a: inactive.id, s: skill('Billing').id });
    const click = await h.click(ACTION.login, value, SUPERVISOR);
    const result = await waitForPostWith(h, click.responseId, 'deactivated in CXone');
    expect(allText(result)).not.toMatch(/malformed|bad request|agentstate /i);
    expect(await h.control.count(LOGIN_POST)).toBe(0);
  });

  it('the status card says so instead of offering a login button', async () => {
    const card = await waitForPost(h, (await h.command(inactive.email, SUPERVISOR)).responseId);
    expect(allText(card)).toMatch(/deactivated/);
    expect(findButton(card, ACTION.login)).toBeUndefined();
  });
});

describe('what the states just read already say', () => {
  it('a login while the agent is in another skill offers the switch in the first confirmation', async () => {
    const agent = active[0] as SimAgent;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    const card = await waitForPost(
      h,
      (await h.command(`login ${agent.email} billing`, SUPERVISOR)).responseId,
    );
    const sw = findButton(card, ACTION.switchSkill);
    expect(sw?.text.text).toBe('Switch from Retention to Billing');
    expect(JSON.parse(sw?.value ?? '{}')).toMatchObject({
      a: agent.id,
      f: skill('Retention').id,
      s: skill('Billing').id,
    });
    expect(findButton(card, ACTION.login)).toBeDefined();
    expect(await h.control.count(LOGIN_POST)).toBe(0);
  });

  it('a login to the skill the agent is already in says so, without asking', async () => {
    const agent = active[1] as SimAgent;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Billing').id }]);
    const card = await waitForPost(
      h,
      (await h.command(`login ${agent.email} billing`, SUPERVISOR)).responseId,
    );
    expect(allText(card)).toContain('is already logged in to *Billing*');
    expect(findButton(card, ACTION.login)).toBeUndefined();
  });

  it('logout of a skill the agent is not in answers in the skill’s own name, without asking', async () => {
    const agent = active[2] as SimAgent;
    await h.control.setAgentStates(agent.id, [{ skillId: skill('Retention').id }]);
    const card = await waitForPost(
      h,
      (await h.command(`logout ${agent.email} billing`, SUPERVISOR)).responseId,
    );
    expect(allText(card)).toContain('is not logged in to *Billing*');
    expect(allText(card)).not.toContain('billing');
    expect(findButton(card, ACTION.logout)).toBeUndefined();
    expect(await h.control.count(LOGOUT_DELETE)).toBe(0);
  });
});
