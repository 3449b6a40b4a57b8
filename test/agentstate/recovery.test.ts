import type { Agent } from '../../src/agentstate/model';
import { defaultStaleAfterMs, recoverStaleOperations, resumeOperation } from '../../src/agentstate/recovery';
import type { AgentStateService, ResolvedState } from '../../src/agentstate/types';
import { UnavailableError } from '../../src/cxone/errors';
import type { Operation } from '../../src/store';
import { FakeClock } from './fake-clock';

/** Finishing an operation a dead process left: the rule, with a fake service and virtual time. */

const ada: Agent = {
  id: 'a0000000-0000-4000-8000-000000000001',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  userName: 'ada',
  isActive: true,
};
const BILLING = 'b0000000-0000-4000-8000-000000000001';
const SALES = 'b0000000-0000-4000-8000-000000000002';
const skills = { [BILLING]: 'Billing', [SALES]: 'Sales' } as Record<string, string>;

function state(skillId: string): ResolvedState {
  return {
    state: {
      agentId: ada.id,
      skillId,
      stateId: skillId,
      activityId: skillId,
      loginTime: '2025-03-01T09:00:00Z',
    },
    skillName: skills[skillId]!,
    stateName: 'Logged In',
    activityName: 'Available',
    since: new Date('2025-03-01T09:00:00Z'),
  };
}

/** `timeline(n)`: the states the n-th read (0-based) returns; the last entry repeats. */
function fakeService(timeline: Array<ResolvedState[] | Error>) {
  let reads = 0;
  const service: Pick<AgentStateService, 'resolveAgent' | 'report' | 'resolveTarget'> = {
    resolveAgent: async (id) =>
      id === ada.id ? { kind: 'found', agent: ada } : { kind: 'not_found', query: id },
    report: async () => {
      const step = timeline[Math.min(reads++, timeline.length - 1)]!;
      if (step instanceof Error) throw step;
      return { kind: 'report', agent: ada, states: step, checkedAt: new Date() };
    },
    resolveTarget: async (_agent, input) => {
      const id = input?.skill ?? BILLING;
      return {
        skill: { id, name: skills[id]!, isActive: true },
        state: { id, name: 'Logged In' },
        activity: { id, name: 'Available' },
        chosenBy: 'explicit',
        ambiguous: false,
      };
    },
  };
  return { service, reads: () => reads };
}

function operation(clock: FakeClock, over: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    agentId: ada.id,
    action: 'login',
    startedBy: 'U1',
    startedAt: new Date(clock.now()),
    target: { skill: BILLING },
    owner: 'dead',
    claimedAt: new Date(clock.now()),
    ...over,
  };
}

const VERIFY = 15_000;

describe('resuming an operation after a crash', () => {
  it('keeps verifying for what is left of the window and reports the login verified once it shows', async () => {
    const clock = new FakeClock();
    const op = operation(clock);
    clock.advance(5_000);
    const { service, reads } = fakeService([[], [], [state(BILLING)]]);
    const outcome = await resumeOperation({ service, clock, verifyTimeoutMs: VERIFY }, op);
    expect(outcome).toMatchObject({ kind: 'verified', state: { skillName: 'Billing' } });
    expect(reads()).toBe(3);
  });

  it('reports failed, with why, when the window closes without the login', async () => {
    const clock = new FakeClock();
    const op = operation(clock);
    const { service } = fakeService([[state(SALES)]]);
    const outcome = await resumeOperation({ service, clock, verifyTimeoutMs: VERIFY }, op);
    expect(outcome).toMatchObject({ kind: 'failed', skillName: 'Billing' });
    if (outcome.kind === 'failed')
      expect(outcome.explanation).toContain('Ada Lovelace is still not logged in to Billing');
    expect(clock.now() - op.startedAt.getTime()).toBe(VERIFY);
  });

  it('reads once, without waiting, when the window closed long ago', async () => {
    const clock = new FakeClock();
    const op = operation(clock);
    clock.advance(10 * 60_000);
    const { service, reads } = fakeService([[]]);
    expect((await resumeOperation({ service, clock, verifyTimeoutMs: VERIFY }, op)).kind).toBe('failed');
    expect(reads()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('confirms a logout once the skill is gone', async () => {
    const clock = new FakeClock();
    const op = operation(clock, { action: 'logout', target: { skill: SALES } });
    const { service } = fakeService([[state(SALES), state(BILLING)], [state(BILLING)]]);
    expect(await resumeOperation({ service, clock, verifyTimeoutMs: VERIFY }, op)).toMatchObject({
      kind: 'logged_out',
      skillName: 'Sales',
    });
  });

  it('tolerates CXone failures inside the window and explains them when they last', async () => {
    const clock = new FakeClock();
    const op = operation(clock);
    const { service } = fakeService([new UnavailableError('CXone 503', 'server')]);
    const outcome = await resumeOperation({ service, clock, verifyTimeoutMs: VERIFY }, op);
    expect(outcome.kind).toBe('failed');
    if (outcome.kind === 'failed')
      expect(outcome.explanation).toContain("Could not re-read the agent's states");
  });

  it('fails an action it cannot resume, and an agent CXone no longer knows', async () => {
    const clock = new FakeClock();
    const { service } = fakeService([[]]);
    const deps = { service, clock, verifyTimeoutMs: VERIFY };
    expect(await resumeOperation(deps, operation(clock, { action: 'teleport' }))).toMatchObject({
      kind: 'failed',
    });
    expect(await resumeOperation(deps, operation(clock, { agentId: 'gone' }))).toMatchObject({
      kind: 'failed',
      explanation: expect.stringContaining('no longer knows this agent'),
    });
  });
});

describe('a recovery sweep', () => {
  it('completes each claimed operation and reports only those whose completion it won', async () => {
    const clock = new FakeClock();
    const ops = [operation(clock, { id: 'a' }), operation(clock, { id: 'b' })];
    const completed = new Set(['b']); // the original owner finished "b" first
    const reported: string[] = [];
    const result = await recoverStaleOperations({
      operations: {
        claimStale: async () => ops,
        complete: async (id) => {
          if (completed.has(id)) return false;
          completed.add(id);
          return true;
        },
      },
      owner: 'me',
      staleAfterMs: defaultStaleAfterMs(VERIFY),
      deps: { service: fakeService([[state(BILLING)]]).service, clock, verifyTimeoutMs: VERIFY },
      onFinished: async (op) => {
        reported.push(op.id);
        throw new Error('Slack is down');
      },
    });
    expect(reported).toEqual(['a']);
    expect(result.map((r) => [r.operation.id, r.completed, r.outcome.kind])).toEqual([
      ['a', true, 'verified'],
      ['b', false, 'verified'],
    ]);
  });

  it('treats as stale only what is older than two verify windows plus a margin', () => {
    expect(defaultStaleAfterMs(15_000)).toBe(60_000);
  });
});
