import nock from 'nock';
import type { SessionCxonePort } from '../../../src/agentstate/sessions/port';
import { InvalidInputError, UnavailableError } from '../../../src/cxone';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import { API_URL, api, connected, makeClient, SERVICES, wireState } from './helpers/fixtures';

useNock();

type Form = Record<string, string>;

describe('setting a logged-in agent’s state', () => {
  it('Available is posted form-encoded as state=Available', async () => {
    const scopes = connected();
    const call = nock(API_URL, { reqheaders: { 'content-type': /application\/x-www-form-urlencoded/ } })
      .post(
        `${SERVICES}/agents/1001/state`,
        (form: Form) => form.state === 'Available' && !('outStateId' in form),
      )
      .reply(200);
    const { client } = makeClient();

    await client.setAgentState('1001', { state: 'Available' });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('Unavailable carries the reason as outStateId', async () => {
    const scopes = connected();
    const call = api()
      .post(`${SERVICES}/agents/1001/state`, { state: 'Unavailable', outStateId: '7' })
      .reply(200);
    const { client } = makeClient();

    await client.setAgentState('1001', { state: 'Unavailable', reasonId: '7' });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('Unavailable without a reason sends no outStateId', async () => {
    const scopes = connected();
    const call = api().post(`${SERVICES}/agents/1001/state`, { state: 'Unavailable' }).reply(200);
    const { client } = makeClient();

    await client.setAgentState('1001', { state: 'Unavailable' });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a 503 is not retried: the change may have been applied', async () => {
    const scopes = connected();
    const call = api().post(`${SERVICES}/agents/1001/state`).reply(503);
    const { client, events } = makeClient();

    const error = await caught(client.setAgentState('1001', { state: 'Available' }));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(events.filter((e) => e.endpoint === 'POST /agents/{agentId}/state')).toHaveLength(1);
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a state other than Available or Unavailable is refused before any request', async () => {
    const { client, events } = makeClient();
    const change = { state: 'InboundContact' } as unknown as { state: 'Available' };

    await expect(client.setAgentState('1001', change)).rejects.toBeInstanceOf(InvalidInputError);
    expect(events).toEqual([]);
  });
});

describe('force logout', () => {
  it('posts to /agents/{agentId}/logout and accepts 202', async () => {
    const scopes = connected();
    const call = api().post(`${SERVICES}/agents/1001/logout`).reply(202);
    const { client } = makeClient();

    await client.forceLogout('1001');
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a dropped connection is not retried: the logout may have happened', async () => {
    const scopes = connected();
    const call = api().post(`${SERVICES}/agents/1001/logout`).replyWithError('socket hang up');
    const { client, events } = makeClient();

    const error = (await caught(client.forceLogout('1001'))) as UnavailableError;

    expect(error).toMatchObject({ reason: 'network' });
    expect(events.filter((e) => e.endpoint === 'POST /agents/{agentId}/logout')).toHaveLength(1);
    for (const scope of [...scopes, call]) scope.done();
  });
});

describe('starting a session as the agent', () => {
  it('posts JSON {stationId, asAgentId} and returns the session id', async () => {
    const scopes = connected();
    const call = api()
      .post(`${SERVICES}/agent-sessions`, { stationId: 'STATION7', asAgentId: 1001 })
      .reply(202, { sessionId: 8_812_345 });
    const { client } = makeClient();

    await expect(client.startSessionAs('1001', { stationId: 'STATION7' })).resolves.toEqual({
      sessionId: '8812345',
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a phone is sent as stationPhoneNumber', async () => {
    const scopes = connected();
    const call = api()
      .post(`${SERVICES}/agent-sessions`, { stationPhoneNumber: '+1 555 0100', asAgentId: 1001 })
      .reply(202, { sessionId: 'abc-1' });
    const { client } = makeClient();

    await expect(client.startSessionAs('1001', { phone: '+1 555 0100' })).resolves.toEqual({
      sessionId: 'abc-1',
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a 502 is not retried', async () => {
    const scopes = connected();
    const call = api().post(`${SERVICES}/agent-sessions`).reply(502);
    const { client, events } = makeClient();

    await expect(client.startSessionAs('1001', { stationId: 'S1' })).rejects.toBeInstanceOf(UnavailableError);
    expect(events.filter((e) => e.endpoint === 'POST /agent-sessions')).toHaveLength(1);
    for (const scope of [...scopes, call]) scope.done();
  });
});

describe('reads are retried per the shared policy', () => {
  it('a GET that fails with 503 then 500 succeeds on the third attempt', async () => {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents/1001/states`)
      .reply(503)
      .get(`${SERVICES}/agents/1001/states`)
      .reply(500)
      .get(`${SERVICES}/agents/1001/states`)
      .reply(200, { agentStates: [wireState()] });
    const { client } = makeClient();

    await expect(client.getAgentState('1001')).resolves.toMatchObject({ state: 'Available' });
    for (const scope of [...scopes, call]) scope.done();
  });
});

describe('ids are checked before any request', () => {
  const range = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-03-01T12:00:00Z') };
  const cases: [string, (port: SessionCxonePort) => Promise<unknown>][] = [
    ['getAgent with a name', (p) => p.getAgent('ada')],
    ['getAgent with 0', (p) => p.getAgent('0')],
    ['getAgentState with a path', (p) => p.getAgentState('1001/../../skills')],
    ['getAgentState with a negative id', (p) => p.getAgentState('-5')],
    ['getAgentSkills with a decimal', (p) => p.getAgentSkills('10.5')],
    ['getStateHistory with an empty id', (p) => p.getStateHistory('', range)],
    [
      'getStateHistory with an inverted range',
      (p) => p.getStateHistory('1001', { start: range.end, end: range.start }),
    ],
    [
      'getStateHistory with an invalid date',
      (p) => p.getStateHistory('1001', { ...range, end: new Date('x') }),
    ],
    ['listTeamReasons with a UUID', (p) => p.listTeamReasons('0f8fad5b-d9cb-469f-a165-70867728950e')],
    ['setAgentState with a bad agent id', (p) => p.setAgentState('x', { state: 'Available' })],
    [
      'setAgentState with a bad reason id',
      (p) => p.setAgentState('1001', { state: 'Unavailable', reasonId: 'Lunch' }),
    ],
    ['forceLogout with spaces', (p) => p.forceLogout(' 1001')],
    [
      'startSessionAs with a UUID',
      (p) => p.startSessionAs('0f8fad5b-d9cb-469f-a165-70867728950e', { stationId: 'S1' }),
    ],
    ['startSessionAs with a bad station', (p) => p.startSessionAs('1001', { stationId: 'S 1/..' })],
    ['startSessionAs with a bad phone', (p) => p.startSessionAs('1001', { phone: 'call me' })],
    ['searchAgents with a negative skip', (p) => p.searchAgents({ skip: -1 })],
  ];

  it.each(cases)('%s → InvalidInputError and no HTTP at all', async (_name, call) => {
    const { client, events } = makeClient();

    await expect(call(client)).rejects.toBeInstanceOf(InvalidInputError);
    expect(events).toEqual([]);
  });
});
