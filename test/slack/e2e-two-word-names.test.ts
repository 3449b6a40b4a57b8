import type { SimAgent } from '../../src/simulator';
import { allText, type Harness, SUPERVISOR, startHarness, waitFor, waitForPost } from './harness';

/**
 * End to end: a two-word name after a subcommand is the agent, the words after it the skill or channel,
 * as the bare command reads a full name; what cannot be used is named.
 */

let h: Harness;
/** An agent whose first name other agents share, so only first and last name together name them. */
let shared: SimAgent;

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing', store: true });
  const active = h.sim.tenant.agents.filter((a) => a.isActive);
  const firstNames = (n: string) => h.sim.tenant.agents.filter((a) => a.firstName === n).length;
  const fullNames = (a: SimAgent) =>
    h.sim.tenant.agents.filter((b) => b.firstName === a.firstName && b.lastName === a.lastName).length;
  const pick = active.find((a) => firstNames(a.firstName) > 1 && fullNames(a) === 1);
  if (!pick) throw new Error('the seeded tenant has no agent sharing a first name');
  shared = pick;
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const fullName = () => `${shared.firstName} ${shared.lastName}`;
const lower = () => fullName().toLowerCase();

describe('a two-word name after a subcommand', () => {
  it('diagnose reads both words as the agent', async () => {
    const card = await waitForPost(h, (await h.command(`diagnose ${lower()}`, SUPERVISOR)).responseId);
    expect(allText(card)).toContain(fullName());
    expect(allText(card)).not.toContain('extra words');
    expect(allText(card)).not.toMatch(/matches \d+ agents/);
  });

  it('login reads the name, then the skill', async () => {
    await h.control.setAgentStates(shared.id, []);
    const card = await waitForPost(h, (await h.command(`login ${lower()} billing`, SUPERVISOR)).responseId);
    expect(allText(card)).toContain(`Log ${fullName()} in to Billing`);
  });

  it('watch reads the name and the channel after it', async () => {
    const sent = await h.command(`watch ${lower()} <#CWATCH1|sales>`, SUPERVISOR);
    const reply = await waitForPost(h, sent.responseId);
    expect(allText(reply)).toContain(`Now watching ${fullName()}`);
    const posted = await waitFor('the channel confirmation', () =>
      h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'CWATCH1'),
    );
    expect(String(posted.args.text)).toContain(fullName());
  });

  it('history and unwatch read the name too', async () => {
    const history = await waitForPost(h, (await h.command(`history ${lower()}`, SUPERVISOR)).responseId);
    expect(allText(history)).toContain(`History: ${fullName()}`);
    const unwatch = await waitForPost(h, (await h.command(`unwatch ${lower()}`, SUPERVISOR)).responseId);
    expect(allText(unwatch)).toContain(fullName());
    expect(allText(unwatch)).not.toMatch(/matches \d+ agents|No CXone agent/);
  });

  it('when words are left that cannot be used, then the answer names them', async () => {
    const diag = await waitForPost(
      h,
      (await h.command(`diagnose ${lower()} right now`, SUPERVISOR)).responseId,
    );
    expect(allText(diag)).toContain(`Found ${fullName()}, but could not use \`right now\``);
    const watch = await waitForPost(h, (await h.command(`watch ${lower()} general`, SUPERVISOR)).responseId);
    expect(allText(watch)).toContain('could not use `general`');
    expect(allText(watch)).toContain('a channel is written #channel');
  });
});
