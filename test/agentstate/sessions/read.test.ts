import { createSessionService, parseSessionAgentRef } from '../../../src/agentstate/sessions';
import { AuthError, InvalidInputError } from '../../../src/cxone/errors';
import { FakeClock } from '../fake-clock';
import { FakeSessionCxone, sessionAgent, TEAM_REASONS } from './fake-session-cxone';

function setup(impersonation = false) {
  const clock = new FakeClock(Date.parse('2024-05-01T15:00:00'));
  const cxone = new FakeSessionCxone(clock);
  cxone.reasonsByTeam.set('7', TEAM_REASONS);
  const service = createSessionService({ cxone, clock, verifyTimeoutMs: 15_000, impersonation });
  return { clock, cxone, service };
}

const ana = sessionAgent('1001', 'Ana', 'Silva');
const hugo = sessionAgent('1002', 'Hugo', 'Andersen');
const hugh = sessionAgent('1003', 'Hugh', 'Grant');

describe('agent references', () => {
  it.each([
    ['1001', { kind: 'id', id: '1001' }],
    ['0c4e9a2e-1f1b-4c6b-9d7a-0a2b3c4d5e6f', { kind: 'id', id: '0c4e9a2e-1f1b-4c6b-9d7a-0a2b3c4d5e6f' }],
    ['ana.silva@example.com', { kind: 'email', email: 'ana.silva@example.com' }],
    ['hugo andersen', { kind: 'name', text: 'hugo andersen' }],
  ])('"%s" is understood', (ref, parsed) => {
    expect(parseSessionAgentRef(ref)).toEqual(parsed);
  });

  it.each(['', '#$%', 'a\u0007b', '12ab-34cd-56ef'])('"%s" is refused before any call', (ref) => {
    expect(() => parseSessionAgentRef(ref)).toThrow(InvalidInputError);
  });

  it('a two-word name finds the agent; a fragment matching several is ambiguous', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' }).addAgent(hugo, { state: 'Available' });
    cxone.addAgent(hugh, { state: 'Available' });
    expect(await service.resolveAgent('Hugo Andersen')).toMatchObject({
      kind: 'found',
      agent: { id: '1002' },
    });
    expect(await service.resolveAgent('hug')).toMatchObject({ kind: 'ambiguous', total: 2 });
    expect(await service.resolveAgent('1099')).toMatchObject({ kind: 'not_found' });
  });
});

describe('status', () => {
  it('a logged-out agent: why, and "ask the agent" without impersonation or "log in" with it', async () => {
    const without = setup(false);
    without.cxone.addAgent(ana, { state: 'LoggedOut' });
    const r1 = await without.service.report('1001');
    expect(r1).toMatchObject({ kind: 'report', actions: ['ask_agent'] });
    if (r1.kind === 'report') expect(r1.explanation?.summary).toMatch(/Ana Silva is logged out/);

    const withImp = setup(true);
    withImp.cxone.addAgent(ana, { state: 'LoggedOut' });
    expect(await withImp.service.report('1001')).toMatchObject({ actions: ['log_in'] });
  });

  it.each([
    ['Available', ['make_unavailable', 'force_logout'], false],
    ['Unavailable', ['make_available', 'make_unavailable', 'force_logout'], true],
    ['LoggedIn', ['make_available', 'make_unavailable', 'force_logout'], true],
    ['InboundContact', ['force_logout'], false],
  ] as const)('%s offers %j', async (state, actions, explained) => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state });
    const r = await service.report('ana');
    expect(r).toMatchObject({ kind: 'report', actions });
    if (r.kind === 'report') expect(r.explanation !== undefined).toBe(explained);
  });

  it('a deactivated agent offers nothing and says to reactivate', async () => {
    const { cxone, service } = setup(true);
    cxone.addAgent({ ...ana, isActive: false }, { state: 'LoggedOut' });
    const r = await service.report('1001');
    expect(r).toMatchObject({ kind: 'report', actions: [] });
    if (r.kind === 'report') expect(r.explanation?.fix).toMatch(/reactivate/);
  });
});

describe('diagnose', () => {
  it('walks discovery, token, agent and state, and names the verdict and fix', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable', reason: { id: '101', name: 'Lunch' } });
    const d = await service.diagnose('Ana Silva');
    expect(d.verdict).toBe('unavailable');
    expect(d.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['connection', 'pass'],
      ['token', 'pass'],
      ['agent_exists', 'pass'],
      ['agent_active', 'pass'],
      ['agent_visible', 'pass'],
      ['session', 'pass'],
      ['state', 'warn'],
    ]);
    expect(d.summary).toMatch(/unavailable \(Lunch\)/);
  });

  it('a rejected access key stops at the token check with its remediation', async () => {
    const { cxone, service } = setup();
    cxone.failNext('tokenInfo', new AuthError('the access key was rejected', { status: 401 }));
    const d = await service.diagnose('ana');
    expect(d.verdict).toBe('auth_failed');
    expect(d.checks.filter((c) => c.outcome === 'skipped')).toHaveLength(5);
  });

  it('an agent hidden from the API user is named as a visibility problem', async () => {
    const { cxone, service } = setup();
    jest.spyOn(cxone, 'searchAgents').mockResolvedValue({ agents: [], total: 0, hidden: 3 });
    const d = await service.diagnose('zoe');
    expect(d.verdict).toBe('not_visible');
  });
});

describe('history', () => {
  it("cuts today's timeline into sessions and names the last logout and its station", async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'LoggedOut' });
    const at = (hhmm: string) => new Date(`2024-05-01T${hhmm}:00`);
    cxone.history = [
      { start: at('08:00'), state: 'LoggedIn', stationName: 'Desk 12' },
      { start: at('08:01'), state: 'Available' },
      { start: at('12:00'), state: 'Unavailable', reason: 'Lunch' },
      { start: at('12:30'), state: 'Available' },
      { start: at('14:05'), state: 'LoggedOut' },
    ];
    const h = await service.history(ana);
    expect(h.verdict).toBe('logged_out');
    expect(h.sessions).toEqual([{ start: at('08:00'), end: at('14:05'), stationName: 'Desk 12' }]);
    expect(h.lastLogout).toEqual({ at: at('14:05'), stationName: 'Desk 12' });
    const range = cxone.calls.find((c) => c.method === 'getStateHistory')?.args[1] as { start: Date };
    expect(range.start).toEqual(new Date('2024-05-01T00:00:00'));
  });

  it('an agent with no session today is told apart from one who logged out', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'LoggedOut' });
    expect((await service.history(ana)).verdict).toBe('no_session_today');
  });
});

describe('status by integer id', () => {
  it('reads the agent and its state side by side, and an unknown id is simply not found', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' });
    let inFlight = 0;
    let peak = 0;
    for (const method of ['getAgent', 'getAgentState'] as const) {
      const real = (cxone[method] as (id: string) => Promise<unknown>).bind(cxone);
      // biome-ignore lint/suspicious/noExplicitAny: one spy for two methods with different result types
      (jest.spyOn(cxone, method) as jest.SpyInstance<Promise<any>, [string]>).mockImplementation(
        async (id: string) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight -= 1;
          return real(id) as never;
        },
      );
    }
    expect(await service.report('1001')).toMatchObject({ kind: 'report', status: { state: 'Available' } });
    expect(peak).toBe(2);
    expect(await service.report('1999')).toMatchObject({ kind: 'not_found' });
  });
});

describe('a repeated status card by id', () => {
  it('reads only the state the second time: the agent found by id is remembered briefly', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' });
    await service.report('1001');
    const before = cxone.calls.length;
    expect(await service.report('1001')).toMatchObject({ kind: 'report', agent: { firstName: 'Ana' } });
    expect(cxone.calls.slice(before).map((c) => c.method)).toEqual(['getAgentState']);
  });
});
