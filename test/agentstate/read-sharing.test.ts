import { ids, jane, setup } from './tenant';

describe('status reads share CXone calls', () => {
  it('when ten supervisors ask for the same agent at once, then CXone sees one states read', async () => {
    const { cxone, service } = setup();
    cxone.seedState(ids.jane, ids.sales);
    await service.listSkills(); // warm the catalog so only the agent reads are counted

    const results = await Promise.all(Array.from({ length: 10 }, () => service.report(ids.jane)));

    expect(results.every((r) => r.kind === 'report' && r.states.length === 1)).toBe(true);
    expect(cxone.calls.getAgentStates).toBe(1);
    expect(cxone.calls.searchAgents).toBe(1);
  });

  it('when reads do not overlap in time, then each one asks CXone again (nothing is served stale)', async () => {
    const { cxone, service } = setup();
    await service.report(ids.jane);
    cxone.seedState(ids.jane, ids.sales);

    const second = await service.report(ids.jane);

    expect(cxone.calls.getAgentStates).toBe(2);
    expect(second.kind === 'report' && second.states.map((s) => s.skillName)).toEqual(['Sales']);
  });

  it('when an agent was just shown by id, then the next status card costs one CXone call', async () => {
    const { cxone, service } = setup();
    cxone.seedState(ids.jane, ids.sales);
    await service.report(ids.jane);
    const before = { ...cxone.calls };

    const again = await service.report(ids.jane);

    expect(again.kind === 'report' && again.agent).toEqual(jane);
    expect(cxone.calls.getAgentStates - before.getAgentStates).toBe(1);
    expect(cxone.calls.searchAgents - before.searchAgents).toBe(0);
  });

  it('when the remembered profile is older than a minute, then the agent is looked up again', async () => {
    const { cxone, clock, service } = setup();
    await service.report(ids.jane);
    clock.advance(61_000);

    await service.report(ids.jane);

    expect(cxone.calls.searchAgents).toBe(2);
  });

  it('when a status is asked by id for an unknown agent, then it says not found without an unhandled 404', async () => {
    const { service } = setup();

    await expect(service.report(ids.unknownAgent)).resolves.toEqual({
      kind: 'not_found',
      query: ids.unknownAgent,
    });
  });

  it('when two logins race for one agent, then both POSTs reach CXone (writes are never shared)', async () => {
    const { cxone, service } = setup();
    const target = { skill: 'Sales' };

    await Promise.allSettled([service.loginAndVerify(jane, target), service.loginAndVerify(jane, target)]);

    expect(cxone.posted).toHaveLength(2);
  });
});
