import type { SimAgent } from '../../src/simulator';
import { allText, type Harness, SUPERVISOR, startHarness, waitFor, waitForPost } from './harness';

/** End to end: watching an agent who cannot drop now says that nothing can be reported yet, and why. */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const confirmationIn = (channel: string) =>
  waitFor('the channel confirmation', () =>
    h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === channel),
  );

describe('watching an agent who cannot drop now', () => {
  it('a logged-out agent: nothing can be reported until they log in', async () => {
    const agent = h.sim.tenant.agents.find((a) => a.isActive) as SimAgent;
    await h.control.setAgentStates(agent.id, []);
    const reply = await waitForPost(
      h,
      (await h.command(`watch ${agent.email} <#CW1|ops>`, SUPERVISOR)).responseId,
    );
    expect(allText(reply)).toContain('nothing can be reported until they log in');
    expect(String((await confirmationIn('CW1')).args.text)).toContain(
      'nothing can be reported until they log in',
    );
  });

  it('a deactivated agent: nothing can be reported until the account is reactivated', async () => {
    const agent = h.sim.tenant.agents.find((a) => !a.isActive) as SimAgent;
    const reply = await waitForPost(
      h,
      (await h.command(`watch ${agent.email} <#CW2|ops>`, SUPERVISOR)).responseId,
    );
    expect(allText(reply)).toContain('until the account is reactivated');
    expect(allText(await confirmationIn('CW2'))).toContain('until the account is reactivated');
  });

  it('a logged-in agent: no such note', async () => {
    const agent = h.sim.tenant.agents.find((a) => a.isActive) as SimAgent;
    await h.control.setAgentStates(agent.id, [{ skillId: h.sim.tenant.skillByName('Billing')!.id }]);
    const reply = await waitForPost(
      h,
      (await h.command(`watch ${agent.email} <#CW3|ops>`, SUPERVISOR)).responseId,
    );
    expect(allText(reply)).not.toContain('nothing can be reported');
  });
});
