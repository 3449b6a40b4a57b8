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
