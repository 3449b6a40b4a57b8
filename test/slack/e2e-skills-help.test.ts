import { USAGE_EXAMPLES, usageCard } from '../../src/slack/blocks/usage-card';
import { allText, type Harness, startHarness, waitForPost } from './harness';

/** `/agentstate skills` says how many agents are in each skill now; help teaches by a few examples. */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ defaultSkill: 'Billing' });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control.reset();
  h.slack.reset();
});

const skill = (name: string) => h.sim.tenant.skillByName(name)!;
const inSkillNow = (skillId: string) =>
  h.sim.tenant.agents.filter((a) => h.sim.tenant.visibleStates(a.id).some((s) => s.skillId === skillId))
    .length;
const agentsWord = (n: number) => (n === 0 ? 'nobody' : n === 1 ? '1 agent' : `${n} agents`);

describe('/agentstate skills', () => {
  it('shows how many agents are in each skill now, from one bulk read of states', async () => {
    const [a, b] = h.sim.tenant.agents.filter((x) => x.isActive);
    await h.control.setAgentStates(a!.id, [{ skillId: skill('Retention').id }]);
    await h.control.setAgentStates(b!.id, [{ skillId: skill('Retention').id }]);
    const perAgentBefore = await h.control.count('GET /api/v2/agents/{agentId}/states');

    const card = await waitForPost(h, (await h.command('skills')).responseId);
    const text = allText(card);
    for (const name of ['Retention', 'Billing']) {
      const s = skill(name);
      expect(text).toContain(`*${name}* — ${agentsWord(inSkillNow(s.id))} in now · \`${s.id}\``);
    }
    expect(inSkillNow(skill('Retention').id)).toBeGreaterThanOrEqual(2);
    expect(await h.control.count('GET /api/v2/agents/states')).toBe(1);
    expect(await h.control.count('GET /api/v2/agents/{agentId}/states')).toBe(perAgentBefore);
  });

  it('says the conflict groups are not known rather than inventing them', async () => {
    const card = await waitForPost(h, (await h.command('skills')).responseId);
    expect(allText(card)).toContain('CXone does not tell the app which skills conflict');
  });

  it('still lists the skills when the states cannot be read, and says the counts are missing', async () => {
    await h.control.addFaults({ method: 'GET', path: '/api/v2/agents/states', status: 403, times: 10 });
    const card = await waitForPost(h, (await h.command('skills')).responseId);
    const text = allText(card);
    expect(text).toContain(skill('Billing').id);
    expect(text).not.toContain('in now');
    expect(text).toContain('could not be read from CXone just now');
  });
});

describe('help', () => {
  it('teaches by three or four examples, written as a supervisor would type them, before the full list', () => {
    expect(USAGE_EXAMPLES.length).toBeGreaterThanOrEqual(3);
    expect(USAGE_EXAMPLES.length).toBeLessThanOrEqual(4);
    for (const line of USAGE_EXAMPLES) expect(line).toMatch(/^`\/agentstate [a-z][^<>[\]]*` — /);
    const text = allText(usageCard());
    expect(text.indexOf(USAGE_EXAMPLES[0]!)).toBeLessThan(text.indexOf('Every command'));
  });

  it('/agentstate help answers with the examples', async () => {
    const card = await waitForPost(h, (await h.command('help')).responseId);
    expect(allText(card)).toContain('/agentstate login maria billing');
  });
});
