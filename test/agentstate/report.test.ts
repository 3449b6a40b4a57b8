import { InvalidInputError } from '../../src/cxone/errors';
import { ids, jane, setup, totalCalls } from './tenant';

describe('the status report', () => {
  it('lists the states with skill, state and activity names, sorted by skill', async () => {
    const { service, cxone, clock } = setup();
    cxone.seedState(ids.jane, ids.support, ids.busy);
    cxone.seedState(ids.jane, ids.sales);
    const result = await service.report('jdoe');
    if (result.kind !== 'report') throw new Error(`expected a report, got ${result.kind}`);
    expect(result.agent).toEqual(jane);
    expect(result.states.map((s) => `${s.skillName}/${s.stateName}/${s.activityName}`)).toEqual([
      'Sales/Logged In/Available',
      'Support/Logged In/Busy',
    ]);
    expect(result.checkedAt).toEqual(new Date(clock.now()));
    expect(result.diagnosis).toBeUndefined();
  });

  it('when the list is empty, then it carries the diagnosis without fetching the states twice', async () => {
    const { service, cxone } = setup();
    const result = await service.report(ids.jane);
    if (result.kind !== 'report') throw new Error(`expected a report, got ${result.kind}`);
    expect(result.states).toEqual([]);
    expect(result.diagnosis).toMatchObject({ verdict: 'not_logged_in', canLogin: true, agent: jane });
    expect(result.diagnosis?.target?.skill.name).toBe('Sales');
    expect(result.diagnosis?.checks.map((c) => c.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'fail',
      'pass',
      'pass',
    ]);
    expect(cxone.calls.getAgentStates).toBe(1);
    expect(cxone.calls.searchAgents).toBe(1);
  });

  it('passes an ambiguous or unknown agent through as such', async () => {
    const { service } = setup();
    await expect(service.report('jan')).resolves.toMatchObject({ kind: 'ambiguous', total: 2 });
    await expect(service.report('nobody')).resolves.toEqual({ kind: 'not_found', query: 'nobody' });
  });

  it('rejects a malformed reference without calling CXone', async () => {
    const { service, cxone } = setup();
    await expect(service.report('0000-0000-0000')).rejects.toThrow(InvalidInputError);
    expect(totalCalls(cxone)).toBe(0);
  });
});
