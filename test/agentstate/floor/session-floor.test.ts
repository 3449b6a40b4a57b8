import type { Floor, FloorSummary } from '../../../src/agentstate/floor/model';
import { UnknownScopeError } from '../../../src/agentstate/floor/model';
import { createInMemoryOperationGuard } from '../../../src/agentstate/operation-guard';
import { createSessionService } from '../../../src/agentstate/sessions';
import { BadRequestError, RateLimitedError } from '../../../src/cxone/errors';
import type { AuditEntryInput, AuditLog } from '../../../src/store/port';
import { FakeClock } from '../fake-clock';
import { FakeSessionCxone, sessionAgent, TEAM_REASONS } from '../sessions/fake-session-cxone';

function memoryAudit(): AuditLog & { entries: AuditEntryInput[] } {
  const entries: AuditEntryInput[] = [];
  return {
    entries,
    record: async (e) => {
      entries.push(e);
      return { ...e, id: entries.length };
    },
    latest: async () => [],
  } as AuditLog & { entries: AuditEntryInput[] };
}

function tenant(impersonation = false) {
  const clock = new FakeClock(Date.parse('2024-05-01T08:00:00'));
  const cxone = new FakeSessionCxone(clock);
  cxone.reasonsByTeam.set('7', TEAM_REASONS);
  const minutesAgo = (m: number) => new Date(clock.now() - m * 60_000);
  cxone.addAgent(sessionAgent('1', 'Ana', 'Silva'), { state: 'Unavailable', since: minutesAgo(5) });
  cxone.addAgent(sessionAgent('2', 'Ben', 'Okafor'), { state: 'Unavailable', since: minutesAgo(40) });
  cxone.addAgent(sessionAgent('3', 'Cleo', 'Park'), {
    state: 'Unavailable',
    reason: { id: '101', name: 'Lunch' },
    since: minutesAgo(20),
  });
  cxone.addAgent(sessionAgent('4', 'Dev', 'Rao'), { state: 'LoggedIn', since: minutesAgo(2) });
  cxone.addAgent(sessionAgent('5', 'Eva', 'Lind'), { state: 'LoggedOut', station: { id: '3005' } });
  cxone.addAgent(sessionAgent('6', 'Finn', 'Moe'), { state: 'InboundContact', since: minutesAgo(3) });
  cxone.addAgent(sessionAgent('7', 'Gil', 'Ray'), { state: 'Available', since: minutesAgo(1) });
  cxone.addAgent(sessionAgent('8', 'Hana', 'Ito', { teamId: '9', teamName: 'Support' }), {
    state: 'Available',
  });
  cxone.addAgent(sessionAgent('9', 'Ivo', 'Gone', { isActive: false }), { state: 'LoggedOut' });
  const service = createSessionService({ cxone, clock, verifyTimeoutMs: 10_000, impersonation });
  return { clock, cxone, service };
}

describe('the floor of a team (session model)', () => {
  it('comes from one bulk read of states once the roster is warm, grouped, counted, longest first', async () => {
    const { cxone, service } = tenant();
    await service.floor('Sales'); // warms the roster
    const before = cxone.calls.length;
    const floor = (await service.floor('sales')) as Floor;
    expect(cxone.calls.slice(before).map((c) => c.method)).toEqual(['getAllAgentStates']);

    expect(floor.scope).toEqual({ kind: 'team', id: '7', name: 'Sales' });
    expect(floor.total).toBe(7); // the deactivated agent and the other team are not on this floor
    expect(floor.counts).toEqual({ unavailable: 3, no_state: 1, logged_out: 1, working: 1, available: 1 });
    expect(floor.groups.map((g) => [g.title, g.agents.map((a) => a.name)])).toEqual([
      ['Unavailable — no reason', ['Ben Okafor', 'Ana Silva']],
      ['Unavailable — Lunch', ['Cleo Park']],
      ['Logged in, no state', ['Dev Rao']],
      ['Logged out', ['Eva Lind']],
      ['Working', ['Finn Moe']],
      ['Available', ['Gil Ray']],
    ]);
  });

  it('offers making the agents with no state or no reason available, and asking the logged-out ones', async () => {
    const { service } = tenant(false);
    const floor = (await service.floor('Sales')) as Floor;
    expect(floor.fixes.map((f) => [f.id, f.agents.map((a) => a.id).sort()])).toEqual([
      ['make_available', ['1', '2', '4']],
      ['ask_logged_out', ['5']],
    ]);
    const withImp = (await tenant(true).service.floor('Sales')) as Floor;
    expect(withImp.fixes.map((f) => f.id)).toEqual(['make_available', 'log_in_logged_out']);
  });

  it('without a team, gives one line per team from the same read', async () => {
    const summary = (await tenant().service.floor()) as FloorSummary;
    expect(summary.rows.map((r) => [r.scope.name, r.total])).toEqual([
      ['Sales', 7],
      ['Support', 1],
    ]);
  });

  it('an unknown team is refused with the valid ones', async () => {
    const err = await tenant()
      .service.floor('Salse')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownScopeError);
    expect((err as UnknownScopeError).options).toEqual(['Sales', 'Support']);
  });
});

describe('a bulk fix from the floor', () => {
  function thirty() {
    const clock = new FakeClock();
    const cxone = new FakeSessionCxone(clock);
    for (let i = 1; i <= 30; i++)
      cxone.addAgent(sessionAgent(String(100 + i), `Agent${i}`, 'Test'), { state: 'Unavailable' });
    const service = createSessionService({ cxone, clock, verifyTimeoutMs: 10_000, impersonation: false });
    return { clock, cxone, service };
  }

  it('makes 30 agents available with a 429 and a failure injected: each verified or reported, once, audited', async () => {
    const { cxone, service } = thirty();
    cxone.failNext('setAgentState', new RateLimitedError('slow down', 2_000, { status: 429 }));
    const floor = (await service.floor('Sales')) as Floor;
    const fix = floor.fixes.find((f) => f.id === 'make_available')!;
    expect(fix.agents).toHaveLength(30);
    // CXone refuses one agent's change outright: it must be reported as failed, not lost.
    const broken = fix.agents[7]!.id;
    const real = cxone.setAgentState.bind(cxone);
    jest.spyOn(cxone, 'setAgentState').mockImplementation(async (id, change) => {
      if (id === broken) {
        cxone.calls.push({ method: 'setAgentState', args: [id, change] });
        throw new BadRequestError('AgentNotLoggedIn', { status: 409 });
      }
      return real(id, change);
    });
    const audit = memoryAudit();
    const guard = createInMemoryOperationGuard();
    const progress: string[] = [];
    const results = await service.fixFloor(
      fix,
      { guard, audit, actor: 'U1' },
      {
        onProgress: (p) => progress.push(`${p.verified}/${p.total} ${p.failed}`),
      },
    );

    expect(results).toHaveLength(30);
    expect(results.filter((r) => r.outcome === 'verified')).toHaveLength(29);
    expect(results.find((r) => r.agent.id === broken)).toMatchObject({ outcome: 'failed' });
    // One POST per agent; the 429'd one was sent again after its wait, and nothing else twice.
    const posts = cxone.calls.filter((c) => c.method === 'setAgentState').map((c) => c.args[0]);
    expect(posts).toHaveLength(31);
    expect(new Set(posts).size).toBe(30);
    // Read once in bulk, verified together: no per-agent reads.
    expect(cxone.count('getAgentState')).toBe(0);
    expect(audit.entries).toHaveLength(30);
    expect(audit.entries.filter((e) => e.outcome === 'verified')).toHaveLength(29);
    expect(progress.at(-1)).toBe('29/30 1');
  });

  it('verifies all agents together: thirty changes take one propagation delay, not thirty', async () => {
    const { clock, cxone, service } = thirty();
    cxone.delayMs = 1_000;
    const fix = ((await service.floor('Sales')) as Floor).fixes[0]!;
    const started = clock.now();
    const results = await service.fixFloor(fix, {
      guard: createInMemoryOperationGuard(),
      audit: memoryAudit(),
      actor: 'U1',
    });
    expect(results.every((r) => r.outcome === 'verified')).toBe(true);
    // The sends take no virtual time here; polling sees the change at most one poll interval late.
    expect(clock.now() - started).toBeLessThanOrEqual(1_000 + 250);
  });

  it('skips and lists agents someone else is changing, and never touches them', async () => {
    const { cxone, service } = thirty();
    const guard = createInMemoryOperationGuard();
    const held = await guard.begin('101', 'login', 'U9');
    expect(held.ok).toBe(true);
    const fix = ((await service.floor('Sales')) as Floor).fixes[0]!;
    const results = await service.fixFloor(fix, { guard, audit: memoryAudit(), actor: 'U1' });
    expect(results.find((r) => r.agent.id === '101')).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringContaining('U9'),
    });
    expect(cxone.calls.some((c) => c.method === 'setAgentState' && c.args[0] === '101')).toBe(false);
  });

  it("asking logged-out agents is the Slack app's job and is refused here", async () => {
    const { service } = tenant(false);
    const fix = ((await service.floor('Sales')) as Floor).fixes.find((f) => f.id === 'ask_logged_out')!;
    await expect(
      service.fixFloor(fix, { guard: createInMemoryOperationGuard(), audit: memoryAudit(), actor: 'U1' }),
    ).rejects.toThrow(/only the Slack app/);
  });
});
