import { createAgentStateService } from '../../src/agentstate';
import { FakeClock } from './fake-clock';
import { FakeCxone } from './fake-cxone';
import { setup, tenantData } from './tenant';

describe('the agent state service', () => {
  it('lists every skill sorted by name, with its active flag', async () => {
    const { service } = setup();
    const skills = await service.listSkills();
    expect(skills.map((s) => [s.name, s.isActive])).toEqual([
      ['Billing', true],
      ['Legacy', false],
      ['Sales', true],
      ['Support', true],
    ]);
  });

  it('lists activities from the cached catalog', async () => {
    const { service, cxone } = setup();
    await service.listActivities();
    await expect(service.listActivities()).resolves.toHaveLength(2);
    expect(cxone.calls.listActivities).toBe(1);
  });

  it('searches agents up to a limit and reports how many matched', async () => {
    const { service } = setup();
    await expect(service.searchAgents('jan', 1)).resolves.toMatchObject({
      agents: [{ userName: 'jdoe' }],
      total: 2,
    });
    await expect(service.searchAgents(undefined)).resolves.toMatchObject({ total: 3 });
    await expect(service.searchAgents('nobody')).resolves.toEqual({ agents: [], total: 0 });
  });

  it('honours the catalog TTL it is given', async () => {
    const clock = new FakeClock();
    const cxone = new FakeCxone(tenantData(), clock);
    const service = createAgentStateService({
      cxone,
      clock,
      defaults: { activity: 'Available' },
      verifyTimeoutMs: 15_000,
      catalogTtlMs: 1_000,
    });
    await service.listSkills();
    clock.advance(1_000);
    await service.listSkills();
    expect(cxone.calls.listSkills).toBe(2);
  });
});
