import { createSessionService, InvalidReasonError } from '../../../src/agentstate/sessions';
import { SessionInProgressError, UnavailableError } from '../../../src/cxone/errors';
import { FakeClock } from '../fake-clock';
import { FakeSessionCxone, sessionAgent, TEAM_REASONS } from './fake-session-cxone';

function setup(opts: { impersonation?: boolean } = {}) {
  const clock = new FakeClock();
  const cxone = new FakeSessionCxone(clock);
  cxone.reasonsByTeam.set('7', TEAM_REASONS);
  const service = createSessionService({
    cxone,
    clock,
    verifyTimeoutMs: 15_000,
    impersonation: opts.impersonation ?? false,
  });
  return { clock, cxone, service };
}

const ana = sessionAgent('1001', 'Ana', 'Silva');

describe('make available', () => {
  it('when the agent is unavailable, then one POST and the state is verified once CXone shows it', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable', reason: { id: '101', name: 'Lunch' } });
    cxone.delayMs = 3_000;
    const out = await service.makeAvailable(ana);
    expect(out.kind).toBe('verified');
    expect(out.status.state).toBe('Available');
    expect(cxone.count('setAgentState')).toBe(1);
    if (out.kind === 'verified') {
      // Seen at most one poll interval (250 ms) after it became visible.
      expect(out.verifyMs).toBeGreaterThanOrEqual(3_000);
      expect(out.verifyMs).toBeLessThanOrEqual(3_250);
    }
  });

  it('when the agent is already available, then nothing is sent', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' });
    expect((await service.makeAvailable(ana)).kind).toBe('already');
    expect(cxone.count('setAgentState')).toBe(0);
  });

  it.each([
    ['LoggedOut', 'logged_out'],
    ['InboundContact', 'on_contact'],
  ] as const)('when the agent is %s, then it is refused (%s) and nothing is sent', async (state, reason) => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state });
    const out = await service.makeAvailable(ana);
    expect(out).toMatchObject({ kind: 'refused', reason });
    expect(cxone.count('setAgentState')).toBe(0);
  });

  it('when the agent is deactivated, then it is refused with the reactivation fix', async () => {
    const { cxone, service } = setup();
    const gone = { ...ana, isActive: false };
    cxone.addAgent(gone, { state: 'Unavailable' });
    const out = await service.makeAvailable(gone);
    expect(out).toMatchObject({ kind: 'refused', reason: 'inactive' });
    if (out.kind === 'refused') expect(out.fix).toMatch(/reactivate/i);
    expect(cxone.count('setAgentState')).toBe(0);
  });

  it('when CXone accepts but never applies, then the answer says so after the window, not before', async () => {
    const { clock, cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable' });
    cxone.delayMs = 60_000;
    const started = clock.now();
    const out = await service.makeAvailable(ana, { timeoutMs: 5_000 });
    expect(out.kind).toBe('not_applied');
    expect(clock.now() - started).toBe(5_000);
    if (out.kind === 'not_applied')
      expect(out.explanation).toMatch(/accepted the request.*still shows Unavailable/);
  });

  it('when the POST fails with a 5xx, then the state is read, nothing is sent twice, and the answer is honest', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable' });
    cxone.failNext('setAgentState', new UnavailableError('CXone answered 503', 'server', { status: 503 }));
    const out = await service.makeAvailable(ana, { timeoutMs: 2_000 });
    expect(out.kind).toBe('not_applied');
    expect(cxone.count('setAgentState')).toBe(1);
    expect(cxone.count('getAgentState')).toBeGreaterThan(1);
    if (out.kind === 'not_applied')
      expect(out.explanation).toMatch(/did not confirm.*Nothing was sent twice/);
  });
});

describe('make unavailable', () => {
  it('with a reason named in any case, then the team code is sent and the reason verified', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' });
    const out = await service.makeUnavailable(ana, 'lunch');
    expect(out.kind).toBe('verified');
    expect(out.status.reason?.name).toBe('Lunch');
    expect(cxone.calls.find((c) => c.method === 'setAgentState')?.args[1]).toEqual({
      state: 'Unavailable',
      reasonId: '101',
    });
  });

  it('with an unknown reason, then the valid reasons are listed and nothing is sent', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Available' });
    const err = await service.makeUnavailable(ana, 'Nap').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidReasonError);
    // Inactive codes and after-call-work codes are not offered.
    expect((err as InvalidReasonError).options.map((r) => r.name)).toEqual(['Lunch', 'Break']);
    expect(cxone.count('setAgentState')).toBe(0);
  });

  it('when the agent is already unavailable for that reason, then nothing is sent', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable', reason: { id: '102', name: 'Break' } });
    expect((await service.makeUnavailable(ana, 'Break')).kind).toBe('already');
    expect(cxone.count('setAgentState')).toBe(0);
  });

  it('when the agent is unavailable for another reason, then the new reason is set and verified', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable', reason: { id: '102', name: 'Break' } });
    const out = await service.makeUnavailable(ana, 'Lunch');
    expect(out).toMatchObject({ kind: 'verified' });
    expect(out.status.reason?.name).toBe('Lunch');
  });
});

describe('force logout', () => {
  it('when the agent is on a contact, then it is refused without force and nothing is sent', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'InboundContact', contactId: '555' });
    const out = await service.logout(ana);
    expect(out).toMatchObject({ kind: 'refused', reason: 'on_contact' });
    if (out.kind === 'refused') expect(out.message).toMatch(/drops that contact/);
    expect(cxone.count('forceLogout')).toBe(0);
  });

  it('when forced, then the session ends and LoggedOut is verified', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'InboundContact', contactId: '555' });
    const out = await service.logout(ana, { force: true });
    expect(out).toMatchObject({ kind: 'verified', change: 'logout' });
    expect(out.status.state).toBe('LoggedOut');
    expect(cxone.count('forceLogout')).toBe(1);
  });

  it('when the agent is logged out already, then nothing is sent', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'LoggedOut' });
    expect((await service.logout(ana)).kind).toBe('already');
    expect(cxone.count('forceLogout')).toBe(0);
  });
});

describe('log in', () => {
  it('without impersonation, a logged-out agent is refused: only the agent can start a session', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'LoggedOut', station: { id: '3001' } });
    const out = await service.login(ana);
    expect(out).toMatchObject({ kind: 'refused', reason: 'needs_agent' });
    expect(cxone.count('startSessionAs')).toBe(0);
    expect(cxone.count('setAgentState')).toBe(0);
    expect(service.capabilities).not.toContain('start_session');
  });

  it('with impersonation, a session is started on the last station, then made available and verified', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedOut', station: { id: '3001' } });
    cxone.delayMs = 2_000;
    const phases: string[] = [];
    const out = await service.login(ana, {
      onProgress: (e) => {
        if (e.type === 'polling' && !phases.includes(e.phase)) phases.push(e.phase);
      },
    });
    expect(out).toMatchObject({ kind: 'verified', change: 'login' });
    expect(out.status.state).toBe('Available');
    expect(cxone.calls.filter((c) => c.method === 'startSessionAs').map((c) => c.args)).toEqual([
      ['1001', { stationId: '3001' }],
    ]);
    expect(cxone.count('setAgentState')).toBe(1);
    expect(phases).toEqual(['starting the session', 'making available']);
  });

  it.each([2_000, 4_000, 8_000])(
    'with impersonation at %i ms propagation, the two waits together are at most one poll cap late',
    async (delay) => {
      const { cxone, service } = setup({ impersonation: true });
      cxone.addAgent(ana, { state: 'LoggedOut', station: { id: '3001' } });
      cxone.delayMs = delay;
      const out = await service.login(ana);
      expect(out.kind).toBe('verified');
      // The session shows after half the delay; the Available sent then shows one delay later.
      if (out.kind === 'verified') expect(out.verifyMs - 1.5 * delay).toBeLessThanOrEqual(2 * 100);
    },
  );

  it('with impersonation and a station given, that station is used', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedOut' });
    await service.login(ana, { station: { phone: '+15550100' } });
    expect(cxone.calls.find((c) => c.method === 'startSessionAs')?.args[1]).toEqual({ phone: '+15550100' });
  });

  it("with impersonation and no station on the state, the latest station of today's history is used", async () => {
    const { clock, cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedOut' });
    const at = (minAgo: number) => new Date(clock.now() - minAgo * 60_000);
    cxone.history = [
      { start: at(90), state: 'Available', stationId: '3001', stationName: 'Desk 1' },
      { start: at(30), state: 'Available', stationId: '3002', stationName: 'Desk 2' },
      { start: at(10), state: 'LoggedOut' },
    ];
    expect((await service.login(ana)).kind).toBe('verified');
    expect(cxone.calls.find((c) => c.method === 'startSessionAs')?.args[1]).toEqual({ stationId: '3002' });
  });

  it('with impersonation but no station known, then it is refused and nothing is sent', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedOut' });
    expect(await service.login(ana)).toMatchObject({ kind: 'refused', reason: 'no_station' });
    expect(cxone.count('startSessionAs')).toBe(0);
  });

  it('when a session is already in progress, then that counts as started and the agent is made available', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedOut', station: { id: '3001' } });
    cxone.failNext('startSessionAs', new SessionInProgressError('SessionInProgress', { status: 409 }));
    // The agent logs in by themselves at the same moment.
    cxone.schedule('1001', [500, { state: 'Unavailable' }]);
    const out = await service.login(ana);
    expect(out.kind).toBe('verified');
    expect(cxone.count('startSessionAs')).toBe(1);
  });

  it('a logged-in agent with no state is made available without starting a session', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'LoggedIn' });
    expect(await service.login(ana)).toMatchObject({ kind: 'verified', change: 'login' });
    expect(cxone.count('startSessionAs')).toBe(0);
  });

  it('an agent on a contact is already logged in', async () => {
    const { cxone, service } = setup({ impersonation: true });
    cxone.addAgent(ana, { state: 'OutboundContact' });
    expect((await service.login(ana)).kind).toBe('already');
    expect(cxone.calls.map((c) => c.method)).toEqual(['getAgentState']);
  });
});

describe('deadlines', () => {
  it('a state read that never answers is cut off: the change ends as not applied instead of hanging', async () => {
    const { cxone, service } = setup();
    cxone.addAgent(ana, { state: 'Unavailable' });
    const real = cxone.getAgentState.bind(cxone);
    let reads = 0;
    jest.spyOn(cxone, 'getAgentState').mockImplementation(async (id, opts) => {
      reads += 1;
      if (reads === 1) return real(id);
      // Hangs until the caller's window closes, as a CXone that sends nothing would.
      return new Promise((_, reject) =>
        opts?.signal?.addEventListener('abort', () => reject(opts.signal?.reason)),
      );
    });
    const out = await service.makeAvailable(ana, { timeoutMs: 1_000 });
    expect(out.kind).toBe('not_applied');
    expect(cxone.count('setAgentState')).toBe(1);
  });
});
