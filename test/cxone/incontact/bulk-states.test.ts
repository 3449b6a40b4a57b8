import { BadRequestError, InvalidInputError, type InvalidResponseError } from '../../../src/cxone';
import { PAGE_SIZE } from '../../../src/cxone/incontact/assumptions';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import { api, connected, makeClient, SERVICES, wireState } from './helpers/fixtures';

/** The page size the client asks for (`top`). */
const TOP = String(PAGE_SIZE);

useNock();

const path = `${SERVICES}/agents/states`;
const SINCE = '2025-03-01T11:00:00.000Z';
const POLL = '2025-03-01T12:00:00.000Z';

function states(from: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    wireState({ agentId: from + i, firstName: 'A', lastName: `${from + i}` }),
  );
}

describe('all agents’ states, incrementally', () => {
  it('passes updatedSince, translates names and returns CXone’s lastPollTime', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query({ updatedSince: SINCE, skip: '0', top: TOP })
      .reply(200, {
        lastPollTime: POLL,
        totalRecords: 1,
        agentStates: [wireState({ firstName: 'Ada', lastName: 'Lovelace', userName: 'ada', isActive: true })],
      });
    const { client } = makeClient();

    const result = await client.getAllAgentStates(SINCE);

    expect(result).toMatchObject({ unchanged: false, lastPollTime: POLL });
    expect(result.states).toEqual([
      expect.objectContaining({
        agentId: '1001',
        kind: 'available',
        agentName: { firstName: 'Ada', lastName: 'Lovelace', userName: 'ada' },
        isActive: true,
      }),
    ]);
    for (const scope of [...scopes, call]) scope.done();
  });

  it.each([
    ['a 200 with an empty list', 200, { lastPollTime: POLL, totalRecords: 0, agentStates: [] }],
    ['a 200 with no list at all', 200, { lastPollTime: POLL }],
    ['204 No Content', 204, undefined],
    ['304 Not Modified', 304, undefined],
  ])('%s means no change, and the previous updatedSince stays the watermark', async (_name, status, body) => {
    const scopes = connected();
    const call = api().get(path).query(true).reply(status, body);
    const { client } = makeClient();

    await expect(client.getAllAgentStates(SINCE)).resolves.toEqual({
      states: [],
      unchanged: true,
      lastPollTime: SINCE,
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('reads every page, following totalRecords, and keeps the first page’s lastPollTime', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query({ skip: '0', top: TOP })
      .reply(200, { lastPollTime: POLL, totalRecords: 1200, agentStates: states(1, 500) })
      .get(path)
      .query({ skip: '500', top: TOP })
      .reply(200, {
        lastPollTime: '2025-03-01T12:00:01.000Z',
        totalRecords: 1200,
        agentStates: states(501, 500),
      })
      .get(path)
      .query({ skip: '1000', top: TOP })
      .reply(200, {
        lastPollTime: '2025-03-01T12:00:02.000Z',
        totalRecords: 1200,
        agentStates: states(1001, 200),
      });
    const { client } = makeClient();

    const result = await client.getAllAgentStates();

    expect(result.states).toHaveLength(1200);
    expect(result.states.at(-1)?.agentId).toBe('1200');
    expect(result).toMatchObject({ unchanged: false, lastPollTime: POLL });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('follows _links.next by its skip/top, on the API host it already uses', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query({ updatedSince: SINCE, skip: '0', top: TOP })
      .reply(200, {
        lastPollTime: POLL,
        _links: { next: `https://elsewhere.example${path}?updatedSince=x&skip=2&top=2` },
        agentStates: states(1, 2),
      })
      .get(path)
      .query({ updatedSince: SINCE, skip: '2', top: '2' })
      .reply(200, { lastPollTime: POLL, _links: { next: null }, agentStates: states(3, 1) });
    const { client } = makeClient();

    const result = await client.getAllAgentStates(SINCE);

    expect(result.states.map((s) => s.agentId)).toEqual(['1', '2', '3']);
    // nock refuses any request to elsewhere.example: only our own API host was asked.
    for (const scope of [...scopes, call]) scope.done();
  });

  it('stops at a next link that does not move forward instead of looping', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query(true)
      .reply(200, {
        lastPollTime: POLL,
        _links: { next: `${path}?skip=0&top=${TOP}` },
        agentStates: states(1, 1),
      });
    const { client } = makeClient();

    await expect(client.getAllAgentStates()).resolves.toMatchObject({ states: [expect.anything()] });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('without updatedSince and without lastPollTime, the watermark is the time of the request', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query(true)
      .reply(200, { agentStates: states(1, 1) });
    const { client, clock } = makeClient();
    const asked = new Date(clock.now()).toISOString();

    await expect(client.getAllAgentStates()).resolves.toMatchObject({
      unchanged: false,
      lastPollTime: asked,
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a first read of an empty tenant is not "unchanged"', async () => {
    const scopes = connected();
    const call = api().get(path).query(true).reply(200, { lastPollTime: POLL, agentStates: [] });
    const { client } = makeClient();

    await expect(client.getAllAgentStates()).resolves.toEqual({
      states: [],
      unchanged: false,
      lastPollTime: POLL,
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('400 Invalid Updated Since is a BadRequestError telling to start over without updatedSince', async () => {
    const scopes = connected();
    const call = api().get(path).query(true).reply(400, 'Invalid Updated Since');
    const { client } = makeClient();

    const error = (await caught(client.getAllAgentStates(SINCE))) as BadRequestError;

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('Invalid Updated Since');
    expect(error.remediation).toContain('full read');
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a malformed updatedSince is refused before any request', async () => {
    const { client, events } = makeClient();

    await expect(client.getAllAgentStates('yesterday')).rejects.toBeInstanceOf(InvalidInputError);
    expect(events).toEqual([]);
  });

  it('a malformed entry on a later page names its field', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query({ skip: '0', top: TOP })
      .reply(200, { totalRecords: 501, agentStates: states(1, 500) })
      .get(path)
      .query({ skip: '500', top: TOP })
      .reply(200, { totalRecords: 501, agentStates: [{ agentStateName: 'Available', startDate: POLL }] });
    const { client } = makeClient();

    const error = (await caught(client.getAllAgentStates())) as InvalidResponseError;

    expect(error.fields).toEqual(['agentStates.0.agentId']);
    for (const scope of [...scopes, call]) scope.done();
  });

  it('for a few agents of a large tenant, only their states are checked and kept; the others are not read', async () => {
    const scopes = connected();
    const call = api()
      .get(path)
      .query({ skip: '0', top: TOP })
      .reply(200, {
        totalRecords: 3,
        agentStates: [
          wireState({ agentId: 7001 }),
          // Another team's malformed entry: not this floor's business, so it cannot fail it.
          { agentStateName: 'Available' },
          wireState({ agentId: 7003, agentStateName: 'Unavailable', agentStateId: 2 }),
        ],
      });
    const { client } = makeClient();

    const { states } = await client.getAllAgentStates(undefined, { agentIds: new Set(['7003']) });

    expect(states.map((s) => [s.agentId, s.state])).toEqual([['7003', 'Unavailable']]);
    for (const scope of [...scopes, call]) scope.done();
  });
});
