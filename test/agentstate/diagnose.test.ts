import type { CheckId, Diagnosis } from '../../src/agentstate/types';
import {
  AuthError,
  InvalidInputError,
  InvalidResponseError,
  MissingScopeError,
  RateLimitedError,
  UnavailableError,
} from '../../src/cxone/errors';
import { ids, jane, setup, totalCalls } from './tenant';

const ORDER: CheckId[] = [
  'token',
  'scopes',
  'agent_exists',
  'agent_active',
  'states_present',
  'skills_available',
  'login_target_valid',
];

/** The checks as `id:outcome`, always all seven in the tutorial's order. */
function outcomes(d: Diagnosis): string[] {
  expect(d.checks.map((c) => c.id)).toEqual(ORDER);
  return d.checks.map((c) => `${c.id}:${c.outcome}`);
}

describe('diagnosing why the state list is empty', () => {
  it('when the agent is simply not logged in, then a login to the default skill would fix it', async () => {
    const { service } = setup();
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('not_logged_in');
    expect(outcomes(d)).toEqual([
      'token:pass',
      'scopes:pass',
      'agent_exists:pass',
      'agent_active:pass',
      'states_present:fail',
      'skills_available:pass',
      'login_target_valid:pass',
    ]);
    expect(d.canLogin).toBe(true);
    expect(d.agent).toEqual(jane);
    expect(d.target).toMatchObject({
      skill: { name: 'Sales' },
      state: { name: 'Logged In' },
      chosenBy: 'configured_default',
    });
    expect(d.summary).toContain('not logged in');
    expect(d.fix).toContain('Sales');
  });

  it('when the agent is logged in, then it says so and lists the states', async () => {
    const { service, cxone } = setup();
    cxone.seedState(ids.jane, ids.support, ids.busy);
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('logged_in');
    expect(outcomes(d).slice(4)).toEqual([
      'states_present:pass',
      'skills_available:skipped',
      'login_target_valid:skipped',
    ]);
    expect(d.summary).toContain('Support (Logged In, Busy)');
    expect(d.states).toHaveLength(1);
    expect(d.canLogin).toBe(false);
  });

  it('when the credentials are rejected, then the verdict is auth_failed and nothing else is checked', async () => {
    const { service, cxone } = setup();
    cxone.fail('tokenInfo', new AuthError('invalid_client', { status: 401 }));
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('auth_failed');
    expect(outcomes(d)).toEqual(['token:fail', ...ORDER.slice(1).map((id) => `${id}:skipped`)]);
    expect(d.fix).toContain('CXONE_CLIENT_ID');
    expect(cxone.calls.searchAgents).toBe(0);
  });

  it('when Agent-Read is not granted, then the verdict is missing_scope', async () => {
    const { service } = setup({ scopes: ['Skills-Read'] });
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('missing_scope');
    expect(outcomes(d).slice(0, 3)).toEqual(['token:pass', 'scopes:fail', 'agent_exists:skipped']);
    expect(d.summary).toContain('Agent-Read');
    expect(d.fix).toContain('Agent-Read');
  });

  it('when Agent-Write is not granted, then it warns and cannot log the agent in', async () => {
    const { service } = setup({ scopes: ['Agent-Read', 'Skills-Read'] });
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('not_logged_in');
    expect(d.checks[1]).toMatchObject({ outcome: 'warn', detail: expect.stringContaining('Agent-Write') });
    expect(d.canLogin).toBe(false);
    expect(d.summary).toContain('Agent-Write');
    expect(d.fix).toContain('Grant Agent-Write');
    expect(d.target?.skill.name).toBe('Sales');
  });

  it('when Skills-Read is not granted, then the skill checks are skipped and login is not offered', async () => {
    const { service, cxone } = setup({ scopes: ['Agent-Read', 'Agent-Write'] });
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('not_logged_in');
    expect(outcomes(d)).toEqual([
      'token:pass',
      'scopes:warn',
      'agent_exists:pass',
      'agent_active:pass',
      'states_present:fail',
      'skills_available:skipped',
      'login_target_valid:skipped',
    ]);
    expect(d.canLogin).toBe(false);
    expect(d.fix).toContain('Skills-Read');
    expect(cxone.calls.listSkills).toBe(0);
  });

  it('when CXone answers 403 for a scope mid-way, then the verdict names that scope', async () => {
    const { service, cxone } = setup();
    cxone.fail('getAgentStates', new MissingScopeError('forbidden', 'Agent-Read', { status: 403 }));
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('missing_scope');
    expect(outcomes(d).slice(4)).toEqual([
      'states_present:fail',
      'skills_available:skipped',
      'login_target_valid:skipped',
    ]);
    expect(d.summary).toContain('Agent-Read');
    expect(d.agent).toEqual(jane);
  });

  it('when no agent matches, then the verdict is agent_not_found', async () => {
    const { service } = setup();
    const d = await service.diagnose('nobody');
    expect(d.verdict).toBe('agent_not_found');
    expect(outcomes(d).slice(2, 4)).toEqual(['agent_exists:fail', 'agent_active:skipped']);
    expect(d.canLogin).toBe(false);
  });

  it('when several agents match, then the verdict is ambiguous_agent with the candidates', async () => {
    const { service } = setup();
    const d = await service.diagnose('jan');
    expect(d.verdict).toBe('ambiguous_agent');
    expect(d.candidates?.map((a) => a.userName)).toEqual(['jdoe', 'jsmith']);
    expect(d.checks[2]).toMatchObject({ outcome: 'fail', detail: expect.stringContaining('2 agents') });
  });

  it('when the account is deactivated, then the fix is to reactivate it', async () => {
    const { service } = setup();
    const d = await service.diagnose('jold');
    expect(d.verdict).toBe('agent_inactive');
    expect(outcomes(d).slice(3, 5)).toEqual(['agent_active:fail', 'states_present:skipped']);
    expect(d.fix).toBe('The agent account is deactivated in CXone; reactivate it in Admin > Users.');
  });

  it('when no skill is active, then the verdict is no_skills', async () => {
    const { service } = setup({
      tenant: (t) => {
        for (const s of t.skills) s.isActive = false;
      },
    });
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('no_skills');
    expect(outcomes(d).slice(5)).toEqual(['skills_available:fail', 'login_target_valid:skipped']);
  });

  it('when the configured default skill is inactive, then the verdict is invalid_target naming the options', async () => {
    const { service } = setup({ defaults: { skillId: ids.legacy, activity: 'Available' } });
    const d = await service.diagnose('jdoe');
    expect(d.verdict).toBe('invalid_target');
    expect(d.checks[6]).toMatchObject({
      outcome: 'fail',
      detail: expect.stringContaining('CXONE_DEFAULT_SKILL_ID'),
    });
    expect(d.fix).toContain('Billing, Sales, Support');
    expect(d.canLogin).toBe(false);
  });

  it.each([
    ['cxone_unavailable', new UnavailableError('timeout', 'timeout')],
    ['rate_limited', new RateLimitedError('slow down', 2000, { status: 429 })],
    ['invalid_response', new InvalidResponseError('bad payload', ['entities.0.isActive'])],
  ])(
    'when CXone fails mid-way, then the verdict is %s and later checks are skipped',
    async (verdict, error) => {
      const { service, cxone } = setup();
      cxone.fail('listSkills', error);
      const d = await service.diagnose('jdoe');
      expect(d.verdict).toBe(verdict);
      expect(outcomes(d).slice(4)).toEqual([
        'states_present:fail',
        'skills_available:fail',
        'login_target_valid:skipped',
      ]);
      expect(d.fix).toBe(error.remediation);
    },
  );

  it('rejects a malformed reference without calling CXone', async () => {
    const { service, cxone } = setup();
    await expect(service.diagnose('deadbeef-00')).rejects.toThrow(InvalidInputError);
    expect(totalCalls(cxone)).toBe(0);
  });
});
