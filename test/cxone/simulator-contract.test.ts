import {
  AuthError,
  ConflictError,
  type CxoneClient,
  createCxoneClient,
  MissingScopeError,
  NotFoundError,
  zeroDelayRetryPolicy,
} from '../../src/cxone';
import type { RequestEvent } from '../../src/cxone/http';
import { createLogger } from '../../src/logger';
import { type RunningSimulator, startSimulator } from '../../src/simulator';

/**
 * The adapter against the simulator over real HTTP: both sides implement the contract of DESIGN.md, so
 * this catches the two drifting apart (a field name, a status, the token form) where nock cannot.
 */

let sim: RunningSimulator;
const silent = createLogger({ level: 'silent' });

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

function client(credentials = sim.demo, events: RequestEvent[] = []): CxoneClient {
  return createCxoneClient({
    baseUrl: sim.url,
    ...credentials,
    logger: silent,
    retry: zeroDelayRetryPolicy,
    onRequest: (e) => events.push(e),
  });
}

const nil = '00000000-0000-0000-0000-000000000000';

it('reads every catalogue and state endpoint with the demo client', async () => {
  const cxone = client();

  expect((await cxone.tokenInfo()).scopes).toEqual(
    expect.arrayContaining(['Agent-Read', 'Agent-Write', 'Skills-Read']),
  );
  const page = await cxone.searchAgents({ pageSize: 3 });
  expect(page.entities.length).toBeLessThanOrEqual(3);
  const bulk = await cxone.getAllAgentStates();
  const first = bulk.states[0]!;
  await expect(cxone.getAllAgentStates(bulk.lastPollTime)).resolves.toMatchObject({ states: [] });
  expect(await cxone.getAgentStates(first.agentId)).toContainEqual(first);
  const skills = await cxone.listSkills();
  expect((await cxone.listSkillStates(first.skillId)).map((s) => s.name)).toContain('Logged In');
  expect(skills.length).toBeGreaterThan(0);
  expect((await cxone.listActivities()).map((a) => a.name)).toContain('Available');
});

it('maps the simulator failures to the typed errors', async () => {
  const cxone = client();
  const [state] = (await cxone.getAllAgentStates()).states;
  const login = { skillId: state!.skillId, stateId: state!.stateId, activityId: state!.activityId };

  await expect(cxone.getAgentStates(nil)).rejects.toBeInstanceOf(NotFoundError);
  await expect(cxone.loginAgent(state!.agentId, login)).rejects.toMatchObject({
    constructor: ConflictError,
    conflictingSkillId: state!.skillId,
  });
  const readOnly = client({ clientId: 'agentstate-readonly', clientSecret: 'readonly-secret' });
  await expect(readOnly.loginAgent(state!.agentId, login)).rejects.toMatchObject({
    constructor: MissingScopeError,
    scope: 'Agent-Write',
  });
  const wrong = client({ clientId: sim.demo.clientId, clientSecret: 'wrong' });
  await expect(wrong.tokenInfo()).rejects.toBeInstanceOf(AuthError);
});

it('when the simulator revokes every token, the next call refreshes once and succeeds', async () => {
  const events: RequestEvent[] = [];
  const cxone = client(sim.demo, events);
  await cxone.listActivities();

  await fetch(`${sim.url}/__sim/tokens/revoke`, { method: 'POST' });
  await expect(cxone.listActivities()).resolves.not.toHaveLength(0);

  expect(events.map((e) => `${e.endpoint} ${e.status}`)).toEqual([
    'POST /oauth/token 200',
    'GET /api/v2/activities 200',
    'GET /api/v2/activities 401',
    'POST /oauth/token 200',
    'GET /api/v2/activities 200',
  ]);
});
