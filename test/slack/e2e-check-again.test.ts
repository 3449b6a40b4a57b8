import { loginResultCard } from '../../src/slack/blocks';
import { ACTION } from '../../src/slack/ids';
import { ada, available, busy, loggedIn, loggedOut, target } from './fixtures';
import { allText, findButton, type Harness, SUPERVISOR, startHarness, waitForPostWith } from './harness';

/** A login CXone is slow to show is "not visible yet", with Check again; never "never appeared". */

describe('a login that is valid but slower than the deadline', () => {
  it('says "not visible yet after 15.0 s", lists no state ids and offers Check again instead of Retry', () => {
    const card = loginResultCard(
      {
        kind: 'not_visible',
        agent: ada,
        target: target(),
        verifyMs: 15000,
        polls: 9,
        explanation: 'slow',
        validStates: [loggedIn, loggedOut],
        validActivities: [available, busy],
      },
      'U1',
    );
    const text = allText(card.blocks.filter((b) => b.type !== 'actions'));
    expect(text).toContain('not visible yet after 15.0 s');
    expect(text).not.toContain('never appeared');
    expect(text).not.toContain('Valid states');
    expect(text).not.toContain(loggedIn.id);
    expect(findButton(card, ACTION.checkLogin)?.text.text).toBe('Check again');
    expect(findButton(card, ACTION.login)).toBeUndefined();
  });
});

describe('Check again, end to end', () => {
  let h: Harness;
  // The simulator shows a login after 3 s; the app verifies for 2 s.
  beforeAll(async () => {
    h = await startHarness({ defaultSkill: 'Billing', propagationDelayMs: 3000 });
  });
  afterAll(() => h.close());

  it('when the login has appeared since, turns the card to verified without sending anything to CXone', async () => {
    const agent = h.sim.tenant.agents.filter((a) => a.isActive)[3]!;
    await h.control.setAgentStates(agent.id, []);
    const billing = h.sim.tenant.skillByName('Billing')!;
    const click = await h.click(ACTION.login, JSON.stringify({ a: agent.id, s: billing.id }));
    const slow = await waitForPostWith(h, click.responseId, 'not visible yet');
    const check = findButton(slow, ACTION.checkLogin)!;
    expect(check).toBeDefined();

    const early = await h.click(ACTION.checkLogin, check.value, SUPERVISOR);
    const still = await waitForPostWith(h, early.responseId, 'still not visible');
    expect(findButton(still, ACTION.checkLogin)).toBeDefined();

    await new Promise((r) => setTimeout(r, 1500));
    const posts = await h.control.count('POST /api/v2/agents/{agentId}/states');
    const later = await h.click(ACTION.checkLogin, check.value, SUPERVISOR);
    const verified = await waitForPostWith(h, later.responseId, 'verified');
    expect(allText(verified)).toContain('Logged in to *Billing*');
    expect(verified.replace_original).toBe(true);
    expect(await h.control.count('POST /api/v2/agents/{agentId}/states')).toBe(posts);
  }, 20000);
});
