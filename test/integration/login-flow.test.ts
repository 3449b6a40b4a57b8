import { InvalidTargetError } from '../../src/agentstate/types';
import { loggedOutAgents, type Stack, skillId, startStack } from './stack';

/** The tutorial's story end to end: the real client against the simulator over real HTTP. */
describe('empty states, diagnosis and a verified login against the simulator', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ defaultSkillId: undefined });
  });
  afterEach(() => stack.close());

  it('when an agent has no states, then diagnose says not logged in, and a login is verified', async () => {
    const agent = loggedOutAgents(stack.sim)[0]!;

    const diagnosis = await stack.service.diagnose(agent.id);
    expect(diagnosis.verdict).toBe('not_logged_in');
    expect(diagnosis.canLogin).toBe(true);
    expect(diagnosis.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['token', 'pass'],
      ['scopes', 'pass'],
      ['agent_exists', 'pass'],
      ['agent_active', 'pass'],
      ['states_present', 'fail'],
      ['skills_available', 'pass'],
      ['login_target_valid', 'pass'],
    ]);

    const outcome = await stack.service.loginAndVerify(agent, diagnosis.target);
    expect(outcome.kind).toBe('verified');

    const after = await stack.service.report(agent.id);
    expect(after.kind === 'report' && after.states.map((s) => s.skillName)).toEqual([
      diagnosis.target!.skill.name,
    ]);
    expect(stack.sim.tenant.visibleStates(agent.id)).toHaveLength(1);
  });

  it('when the login takes 3 s to propagate, then it is still verified where a single check after 1 s fails', async () => {
    await stack.control.setConfig({ propagationDelayMs: 3000 });
    const [agent, other] = loggedOutAgents(stack.sim);
    const sales = skillId(stack.sim, 'Sales EN');

    // The tutorial's method: POST, sleep 1 s, check once.
    const target = await stack.service.resolveTarget(other!, { skill: 'Sales EN' });
    await stack.cxone.loginAgent(other!.id, {
      skillId: sales,
      stateId: target.state.id,
      activityId: target.activity.id,
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await stack.cxone.getAgentStates(other!.id)).toEqual([]);

    const outcome = await stack.service.loginAndVerify(agent!, { skill: 'Sales EN' });
    expect(outcome.kind).toBe('verified');
    if (outcome.kind === 'verified') {
      expect(outcome.verifyMs).toBeGreaterThanOrEqual(3000);
      expect(outcome.state.state.skillId).toBe(sales);
    }
  });

  it('when the state id is not the skill\'s "Logged In" state, then it explains and lists the valid states', async () => {
    const agent = loggedOutAgents(stack.sim)[0]!;
    const billing = skillId(stack.sim, 'Billing');
    const loggedOut = stack.sim.tenant.stateDefinitions(billing).find((d) => d.name === 'Logged Out')!;

    const outcome = await stack.service.loginAndVerify(
      agent,
      { skill: 'Billing', stateId: loggedOut.id },
      { timeoutMs: 1500 },
    );

    expect(outcome.kind).toBe('not_visible');
    if (outcome.kind === 'not_visible') {
      expect(outcome.explanation).toMatch(/Logged In/);
      expect(outcome.validStates.map((s) => s.name).sort()).toEqual([
        'Logged In',
        'Logged Out',
        'Unavailable',
      ]);
      expect(outcome.validActivities.map((a) => a.name)).toContain('Available');
    }
    expect(await stack.control.count('POST /api/v2/agents/{agentId}/states')).toBe(1);
  });

  it('when the state id does not exist for that skill, then nothing is posted and the valid states are listed', async () => {
    const agent = loggedOutAgents(stack.sim)[0]!;
    const unknownState = '11111111-1111-4111-8111-111111111111';

    const attempt = stack.service.loginAndVerify(agent, { skill: 'Billing', stateId: unknownState });

    await expect(attempt).rejects.toBeInstanceOf(InvalidTargetError);
    await expect(attempt).rejects.toMatchObject({ field: 'state' });
    expect(await stack.control.count('POST /api/v2/agents/{agentId}/states')).toBe(0);
  });

  it('when the agent is in a conflicting skill, then the 409 names it and switching skill is verified', async () => {
    const agent = loggedOutAgents(stack.sim)[0]!;
    await stack.control.setAgentStates(agent.id, [{ skillId: skillId(stack.sim, 'Sales EN') }]);

    const outcome = await stack.service.loginAndVerify(agent, { skill: 'Sales ES' });

    expect(outcome.kind).toBe('conflict');
    if (outcome.kind !== 'conflict') return;
    expect(outcome.conflictingSkill?.name).toBe('Sales EN');

    const switched = await stack.service.switchSkill(agent, outcome.conflictingSkill!.id, {
      skill: 'Sales ES',
    });
    expect(switched.kind).toBe('verified');
    const now = await stack.service.report(agent.id);
    expect(now.kind === 'report' && now.states.map((s) => s.skillName)).toEqual(['Sales ES']);
  });

  it('when an agent is logged out through the app, then the logout is verified and the list is empty', async () => {
    const agent = loggedOutAgents(stack.sim)[0]!;
    await stack.control.setAgentStates(agent.id, [{ skillId: skillId(stack.sim, 'Billing') }]);

    const outcome = await stack.service.logout(agent);

    expect(outcome.kind).toBe('logged_out');
    expect(stack.sim.tenant.visibleStates(agent.id)).toEqual([]);
  });
});
