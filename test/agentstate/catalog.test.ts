import { createCatalog, DEFAULT_CATALOG_TTL_MS } from '../../src/agentstate/catalog';
import { MissingScopeError, UnavailableError } from '../../src/cxone/errors';
import { FakeClock } from './fake-clock';
import { FakeCxone } from './fake-cxone';
import { ids, tenantData } from './tenant';

function catalogWithFake() {
  const clock = new FakeClock();
  const cxone = new FakeCxone(tenantData(), clock);
  return { clock, cxone, catalog: createCatalog({ cxone, clock }) };
}

describe('the skill and activity catalog', () => {
  it('serves concurrent requests with one load', async () => {
    const { cxone, catalog } = catalogWithFake();
    await Promise.all([catalog.skills(), catalog.skills(), catalog.skills()]);
    expect(cxone.calls.listSkills).toBe(1);
  });

  it('reloads once the TTL has passed', async () => {
    const { cxone, catalog, clock } = catalogWithFake();
    await catalog.activities();
    clock.advance(DEFAULT_CATALOG_TTL_MS - 1);
    await catalog.activities();
    expect(cxone.calls.listActivities).toBe(1);
    clock.advance(1);
    await catalog.activities();
    expect(cxone.calls.listActivities).toBe(2);
  });

  it('does not remember a failed load', async () => {
    const { cxone, catalog } = catalogWithFake();
    cxone.fail('listSkills', new UnavailableError('down', 'server'));
    await expect(catalog.skills()).rejects.toThrow(UnavailableError);
    await expect(catalog.skills()).resolves.toHaveLength(4);
  });

  it('caches state definitions per skill', async () => {
    const { cxone, catalog } = catalogWithFake();
    await catalog.skillStates(ids.sales);
    await catalog.skillStates(ids.sales);
    await catalog.skillStates(ids.support);
    expect(cxone.calls.listSkillStates).toBe(2);
  });

  it('names states, sorted by skill name', async () => {
    const { cxone, catalog } = catalogWithFake();
    const support = cxone.seedState(ids.jane, ids.support, ids.busy);
    const sales = cxone.seedState(ids.jane, ids.sales);
    const resolved = await catalog.resolve([support, sales]);
    expect(resolved.map((r) => [r.skillName, r.stateName, r.activityName])).toEqual([
      ['Sales', 'Logged In', 'Available'],
      ['Support', 'Logged In', 'Busy'],
    ]);
    expect(resolved[0]!.since).toEqual(new Date(sales.loginTime));
  });

  it('falls back to ids when a name cannot be looked up', async () => {
    const { cxone, catalog } = catalogWithFake();
    const state = { ...cxone.seedState(ids.jane, ids.sales), skillId: ids.unknownSkill };
    cxone.fail('listActivities', new MissingScopeError('forbidden', 'Skills-Read'));
    const [resolved] = await catalog.resolve([state]);
    expect(resolved).toMatchObject({
      skillName: ids.unknownSkill,
      stateName: ids.salesLoggedIn,
      activityName: ids.available,
    });
  });
});
