import { InvalidTargetError } from '../../src/agentstate/types';
import { ids, jane, setup } from './tenant';

async function invalidTarget(promise: Promise<unknown>): Promise<InvalidTargetError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InvalidTargetError))
    throw new Error(`expected InvalidTargetError, got ${String(err)}`);
  return err;
}

describe('choosing the login target', () => {
  it('takes an explicit skill by name, case-insensitively, with its "Logged In" state and the default activity', async () => {
    const { service } = setup();
    const target = await service.resolveTarget(jane, { skill: 'support' });
    expect(target).toEqual({
      skill: { id: ids.support, name: 'Support', isActive: true },
      state: { id: ids.supportLoggedIn, name: 'Logged In' },
      activity: { id: ids.available, name: 'Available' },
      chosenBy: 'explicit',
      ambiguous: false,
    });
  });

  it('takes an explicit skill by id, a state id of that skill, and an activity by id or name', async () => {
    const { service } = setup();
    const byId = await service.resolveTarget(jane, {
      skill: ids.support,
      stateId: ids.supportUnavailable,
      activity: ids.busy,
    });
    expect([byId.skill.name, byId.state.name, byId.activity.name]).toEqual([
      'Support',
      'Unavailable',
      'Busy',
    ]);
    const byName = await service.resolveTarget(jane, { skill: ids.support, activity: 'BUSY' });
    expect(byName.activity.id).toBe(ids.busy);
  });

  it('falls back to the configured default skill', async () => {
    const { service } = setup({ defaults: { skillId: ids.support, activity: 'Busy' } });
    const target = await service.resolveTarget(jane);
    expect(target).toMatchObject({
      skill: { name: 'Support' },
      activity: { name: 'Busy' },
      chosenBy: 'configured_default',
    });
    expect(target.ambiguous).toBe(false);
  });

  it('without a default, picks the only active skill', async () => {
    const { service } = setup({
      defaults: { activity: 'Available' },
      tenant: (t) => {
        t.skills = t.skills.filter((s) => s.id === ids.support || s.id === ids.legacy);
      },
    });
    const target = await service.resolveTarget(jane);
    expect(target).toMatchObject({
      skill: { name: 'Support' },
      chosenBy: 'only_active_skill',
      ambiguous: false,
    });
  });

  it('without a default and several active skills, picks the first by name and asks for confirmation', async () => {
    const { service } = setup({ defaults: { activity: 'Available' } });
    const target = await service.resolveTarget(jane);
    expect(target).toMatchObject({
      skill: { name: 'Billing' },
      chosenBy: 'first_active_skill',
      ambiguous: true,
      note: 'first of 3 active skills — set CXONE_DEFAULT_SKILL_ID or pick one',
    });
  });

  it('refuses an unknown skill, offering the active ones', async () => {
    const { service } = setup();
    const err = await invalidTarget(service.resolveTarget(jane, { skill: 'Marketing' }));
    expect(err).toMatchObject({ field: 'skill', value: 'Marketing' });
    expect(err.options.map((o) => o.name)).toEqual(['Billing', 'Sales', 'Support']);
  });

  it('refuses an inactive skill', async () => {
    const { service } = setup();
    const err = await invalidTarget(service.resolveTarget(jane, { skill: 'Legacy' }));
    expect(err.field).toBe('skill');
    expect(err.message).toContain('inactive');
  });

  it('refuses an unknown or inactive configured default, naming CXONE_DEFAULT_SKILL_ID', async () => {
    for (const skillId of [ids.unknownSkill, ids.legacy]) {
      const { service } = setup({ defaults: { skillId, activity: 'Available' } });
      const err = await invalidTarget(service.resolveTarget(jane));
      expect(err).toMatchObject({ field: 'skill', value: skillId });
      expect(err.message).toContain('CXONE_DEFAULT_SKILL_ID');
    }
  });

  it('refuses when no skill is active at all', async () => {
    const { service } = setup({
      defaults: { activity: 'Available' },
      tenant: (t) => {
        t.skills = t.skills.filter((s) => !s.isActive);
      },
    });
    const err = await invalidTarget(service.resolveTarget(jane));
    expect(err).toMatchObject({ field: 'skill', options: [] });
  });

  it("refuses a state that belongs to another skill, listing this skill's states", async () => {
    const { service } = setup();
    const err = await invalidTarget(
      service.resolveTarget(jane, { skill: 'Sales', stateId: ids.supportLoggedIn }),
    );
    expect(err).toMatchObject({ field: 'state', value: ids.supportLoggedIn });
    expect(err.options).toEqual([
      { id: ids.salesLoggedIn, name: 'Logged In' },
      { id: ids.salesUnavailable, name: 'Unavailable' },
    ]);
  });

  it('refuses a skill that has no "Logged In" state', async () => {
    const { service } = setup({
      tenant: (t) => {
        t.skills.find((s) => s.id === ids.billing)!.states = [{ id: ids.billingLoggedIn, name: 'Ready' }];
      },
    });
    const err = await invalidTarget(service.resolveTarget(jane, { skill: 'Billing' }));
    expect(err).toMatchObject({ field: 'state', value: 'Logged In', options: [{ name: 'Ready' }] });
  });

  it('refuses an unknown activity, whether asked for or configured', async () => {
    const { service } = setup();
    const asked = await invalidTarget(service.resolveTarget(jane, { activity: 'Lunch' }));
    expect(asked).toMatchObject({ field: 'activity', value: 'Lunch' });
    expect(asked.options.map((o) => o.name)).toEqual(['Available', 'Busy']);

    const { service: misconfigured } = setup({ defaults: { skillId: ids.sales, activity: 'Ready' } });
    const configured = await invalidTarget(misconfigured.resolveTarget(jane));
    expect(configured.message).toContain('CXONE_DEFAULT_ACTIVITY');
  });
});
