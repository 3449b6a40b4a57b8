import {
  BadRequestError,
  ConflictError,
  InvalidInputError,
  InvalidResponseError,
  NotFoundError,
} from '../../src/cxone';
import {
  ACTIVITY_ID,
  AGENT_ID,
  agent,
  agentState,
  api,
  caught,
  makeClient,
  OTHER_SKILL_ID,
  SKILL_ID,
  STATE_ID,
  tokenScope,
} from './helpers/fixtures';
import { useNock } from './helpers/nock-lifecycle';

useNock();

const loginBody = { skillId: SKILL_ID, stateId: STATE_ID, activityId: ACTIVITY_ID };

describe('reading agent states', () => {
  it('an agent that is not logged in to any skill has an empty state list', async () => {
    tokenScope();
    const scope = api().get(`/api/v2/agents/${AGENT_ID}/states`).reply(200, { states: [] });
    const { client } = makeClient();

    await expect(client.getAgentStates(AGENT_ID)).resolves.toEqual([]);
    scope.done();
  });

  it('accepts and drops fields the contract does not know', async () => {
    tokenScope();
    const scope = api()
      .get(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(200, { states: [{ ...agentState, stationId: 'x' }], nextLink: null });
    const { client } = makeClient();

    await expect(client.getAgentStates(AGENT_ID)).resolves.toEqual([agentState]);
    scope.done();
  });

  it('when a state lacks a valid loginTime, names the field path in InvalidResponseError', async () => {
    tokenScope();
    const body = { states: [{ ...agentState, loginTime: 'yesterday' }] };
    const scope = api()
      .get(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(200, body, { 'x-request-id': 'req-77' });
    const { client } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.fields).toEqual(['states.0.loginTime']);
    expect(error.message).toContain('GET /api/v2/agents/{agentId}/states');
    expect(error.message).toContain('states.0.loginTime');
    expect(error).toMatchObject({ body, requestId: 'req-77', status: 200 });
    scope.done();
  });

  it('names every missing required field', async () => {
    tokenScope();
    const { skillId: _s, activityId: _a, ...partial } = agentState;
    const scope = api()
      .get(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(200, { states: [partial] });
    const { client } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as InvalidResponseError;

    expect(error.fields.sort()).toEqual(['states.0.activityId', 'states.0.skillId']);
    scope.done();
  });

  it('a body that is not JSON at all is an InvalidResponseError, not a crash', async () => {
    tokenScope();
    const scope = api()
      .get(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(200, '<html>login</html>', { 'content-type': 'text/html' });
    const { client } = makeClient();

    const error = (await caught(client.getAgentStates(AGENT_ID))) as InvalidResponseError;

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).toBe('<html>login</html>');
    scope.done();
  });

  it('an unknown agent is a NotFoundError about that agent, with the request id', async () => {
    tokenScope();
    const scope = api()
      .get(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(404, { error: 'not_found', message: 'agent not found' }, { 'x-request-id': 'req-1' });
    const { client } = makeClient();

    const error = await caught(client.getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: 'agent', id: AGENT_ID, status: 404, requestId: 'req-1' });
    expect((error as NotFoundError).message).toContain('agent not found');
    scope.done();
  });
});

describe('the bulk state poll', () => {
  it('without updatedSince sends no query and returns states, removed and lastPollTime', async () => {
    tokenScope();
    const body = { states: [agentState], removed: [], lastPollTime: '2025-03-01T12:00:00.000Z' };
    const scope = api()
      .get('/api/v2/agents/states')
      .query((q) => Object.keys(q).length === 0)
      .reply(200, body);
    const { client } = makeClient();

    await expect(client.getAllAgentStates()).resolves.toEqual(body);
    scope.done();
  });

  it('passes updatedSince through and reports removed agents', async () => {
    tokenScope();
    const body = { states: [], removed: [AGENT_ID], lastPollTime: '2025-03-01T12:00:05+00:00' };
    const scope = api()
      .get('/api/v2/agents/states')
      .query({ updatedSince: '2025-03-01T12:00:00.000Z' })
      .reply(200, body);
    const { client } = makeClient();

    await expect(client.getAllAgentStates('2025-03-01T12:00:00.000Z')).resolves.toEqual(body);
    scope.done();
  });

  it('refuses an updatedSince that is not an ISO date before calling CXone', async () => {
    const { client, events } = makeClient();

    const error = await caught(client.getAllAgentStates('last tuesday'));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'updatedSince' });
    expect(events).toEqual([]);
  });

  it('maps CXone rejecting the date (400) to BadRequestError without retrying', async () => {
    tokenScope();
    const scope = api()
      .get('/api/v2/agents/states')
      .query(true)
      .reply(400, { error: 'bad_request', message: 'updatedSince is in the future' });
    const { client } = makeClient();

    const error = await caught(client.getAllAgentStates('2999-01-01T00:00:00Z'));

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain('updatedSince is in the future');
    scope.done();
  });
});

describe('searching agents', () => {
  it('sends no query parameters when none are given', async () => {
    tokenScope();
    const scope = api()
      .get('/api/v2/agents')
      .query((q) => Object.keys(q).length === 0)
      .reply(200, { entities: [agent], page: 1, pageSize: 50, total: 1 });
    const { client } = makeClient();

    await expect(client.searchAgents({})).resolves.toMatchObject({ total: 1, entities: [agent] });
    scope.done();
  });

  it('refuses a page size of zero before calling CXone', async () => {
    const { client, events } = makeClient();

    await expect(client.searchAgents({ pageSize: 0 })).rejects.toMatchObject({ field: 'pageSize' });
    expect(events).toEqual([]);
  });
});

describe('logging an agent in', () => {
  it('posts exactly skillId, stateId and activityId and returns the created state', async () => {
    tokenScope();
    const scope = api()
      .post(`/api/v2/agents/${AGENT_ID}/states`, loginBody)
      .reply(201, { state: agentState });
    const { client } = makeClient();

    await expect(client.loginAgent(AGENT_ID, { ...loginBody, extra: 'x' } as never)).resolves.toEqual(
      agentState,
    );
    scope.done();
  });

  it('a 409 names the skill the agent is already logged in to', async () => {
    tokenScope();
    const scope = api()
      .post(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(409, { error: 'conflict', message: 'already logged in', skillId: OTHER_SKILL_ID });
    const { client } = makeClient();

    const error = await caught(client.loginAgent(AGENT_ID, loginBody));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ conflictingSkillId: OTHER_SKILL_ID, status: 409 });
    scope.done();
  });

  it('a 409 without a skill in the body still is a ConflictError', async () => {
    tokenScope();
    const scope = api()
      .post(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(409, { error: 'conflict', message: 'already logged in' });
    const { client } = makeClient();

    const error = await caught(client.loginAgent(AGENT_ID, loginBody));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).conflictingSkillId).toBeUndefined();
    scope.done();
  });

  it('a 400 for a bad body is a BadRequestError carrying the body', async () => {
    tokenScope();
    const body = { error: 'bad_request', message: 'activityId is required' };
    const scope = api().post(`/api/v2/agents/${AGENT_ID}/states`).reply(400, body);
    const { client } = makeClient();

    const error = await caught(client.loginAgent(AGENT_ID, loginBody));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body, endpoint: 'POST /api/v2/agents/{agentId}/states' });
    scope.done();
  });

  it('a 404 is about the agent', async () => {
    tokenScope();
    const scope = api()
      .post(`/api/v2/agents/${AGENT_ID}/states`)
      .reply(404, { error: 'not_found', message: 'no such agent' });
    const { client } = makeClient();

    await expect(client.loginAgent(AGENT_ID, loginBody)).rejects.toMatchObject({
      code: 'not_found',
      resource: 'agent',
      id: AGENT_ID,
    });
    scope.done();
  });

  it.each([
    ['skillId', { ...loginBody, skillId: 'sales' }],
    ['stateId', { ...loginBody, stateId: '' }],
    ['activityId', { ...loginBody, activityId: 'Available' }],
  ])('refuses a malformed %s before calling CXone', async (field, body) => {
    const { client, events } = makeClient();

    const error = await caught(client.loginAgent(AGENT_ID, body));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect(events).toEqual([]);
  });
});

describe('logging an agent out', () => {
  it('a 404 means the agent is not logged in with that state', async () => {
    tokenScope();
    const scope = api()
      .delete(`/api/v2/agents/${AGENT_ID}/states/${STATE_ID}`)
      .reply(404, { error: 'not_found', message: 'not logged in' });
    const { client } = makeClient();

    const error = await caught(client.logoutAgent(AGENT_ID, STATE_ID));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: 'state', id: STATE_ID });
    scope.done();
  });
});

describe('skills', () => {
  it('an unknown skill is a NotFoundError about that skill', async () => {
    tokenScope();
    const scope = api()
      .get(`/api/v2/skills/${SKILL_ID}/states`)
      .reply(404, { error: 'not_found', message: 'unknown skill' });
    const { client } = makeClient();

    const error = await caught(client.listSkillStates(SKILL_ID));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: 'skill', id: SKILL_ID });
    scope.done();
  });
});

describe('ids are checked before any request', () => {
  const malformed = ['not-a-uuid', '../skills', `${AGENT_ID}/states/x`, '', `${AGENT_ID}?x=1`];

  it.each(malformed)('agent id %p is refused with InvalidInputError and nothing is sent', async (id) => {
    const { client, events } = makeClient();

    for (const call of [
      () => client.getAgentStates(id),
      () => client.loginAgent(id, loginBody),
      () => client.logoutAgent(id, STATE_ID),
    ]) {
      const error = await caught(call());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ code: 'invalid_input', field: 'agentId' });
    }
    // Not even a token was requested; disableNetConnect would have failed any request anyway.
    expect(events).toEqual([]);
  });

  it('refuses malformed state and skill ids too', async () => {
    const { client, events } = makeClient();

    await expect(client.logoutAgent(AGENT_ID, 'logged-in')).rejects.toMatchObject({ field: 'stateId' });
    await expect(client.listSkillStates('sales')).rejects.toMatchObject({ field: 'skillId' });
    expect(events).toEqual([]);
  });
});
