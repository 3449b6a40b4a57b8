import { InvalidResponseError, NotFoundError } from '../../../src/cxone';
import { PAGE_SIZE } from '../../../src/cxone/incontact/assumptions';
import { caught } from '../helpers/fixtures';
import { useNock } from '../helpers/nock-lifecycle';
import { api, connected, makeClient, SERVICES, wireAgent, wireState } from './helpers/fixtures';

/** The page size the client asks for (`top`). */
const TOP = String(PAGE_SIZE);

useNock();

const AT = new Date('2025-03-01T11:30:00.000Z');

describe('one agent’s state', () => {
  async function stateOf(entry: Record<string, unknown>) {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents/1001/states`)
      .reply(200, { agentStates: [entry] });
    const { client } = makeClient();
    const status = await client.getAgentState('1001');
    for (const scope of [...scopes, call]) scope.done();
    return status;
  }

  it('an Available agent: state, kind, since, station and team; no reason, skill or contact', async () => {
    await expect(stateOf(wireState({ skillId: 55, skillName: 'leftover', contactId: 0 }))).resolves.toEqual({
      agentId: '1001',
      state: 'Available',
      kind: 'available',
      since: AT,
      station: { id: 'STATION7', phone: '5551234' },
      team: { id: '12', name: 'Tier 1' },
      isAcw: false,
    });
  });

  it('an Unavailable agent carries its reason from outStateId and outStateDescription', async () => {
    const status = await stateOf(
      wireState({
        agentStateId: 2,
        agentStateName: 'Unavailable',
        outStateId: 7,
        outStateDescription: 'Lunch',
      }),
    );
    expect(status).toMatchObject({
      state: 'Unavailable',
      kind: 'unavailable',
      reason: { id: '7', name: 'Lunch' },
    });
  });

  it('an agent on a contact is working, with the contact and its skill', async () => {
    const status = await stateOf(
      wireState({
        agentStateId: 3,
        agentStateName: 'InboundContact',
        skillId: '55',
        skillName: 'Billing',
        contactId: 987654321,
      }),
    );
    expect(status).toMatchObject({
      kind: 'working',
      contactId: '987654321',
      skill: { id: '55', name: 'Billing' },
    });
    expect(status.reason).toBeUndefined();
  });

  it('a logged-out agent whose optional fields are all null', async () => {
    const status = await stateOf({
      agentId: '1001',
      agentStateId: 0,
      agentStateName: 'LoggedOut',
      startDate: '2025-03-01T11:30:00Z',
      outStateId: null,
      outStateDescription: null,
      skillId: null,
      skillName: null,
      contactId: null,
      stationId: null,
      stationPhoneNumber: null,
      teamId: null,
      teamName: null,
      isACW: null,
      lastUpdateTime: null,
    });
    expect(status).toEqual({ agentId: '1001', state: 'LoggedOut', kind: 'logged_out', since: AT });
  });

  it('LoggedIn means logged in with no state set yet', async () => {
    const status = await stateOf(wireState({ agentStateId: 8, agentStateName: 'LoggedIn' }));
    expect(status.kind).toBe('logged_in_no_state');
  });

  it('a state name this app does not know is read by its agentStateId', async () => {
    const status = await stateOf(wireState({ agentStateId: 2, agentStateName: 'NichtVerfügbar' }));
    expect(status).toMatchObject({ state: 'Unavailable', kind: 'unavailable' });
  });

  it('an unknown name with an unknown id is an InvalidResponseError naming agentStateName', async () => {
    const error = (await caught(
      stateOf(wireState({ agentStateId: 42, agentStateName: 'Mystery' })),
    )) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.fields).toEqual(['agentStates.0.agentStateName']);
  });

  it('a state without any time is an InvalidResponseError naming startDate', async () => {
    const error = (await caught(
      stateOf(wireState({ startDate: null, lastUpdateTime: null })),
    )) as InvalidResponseError;
    expect(error.fields).toEqual(['agentStates.0.startDate']);
  });

  it('a date without an offset is read as UTC', async () => {
    const status = await stateOf(wireState({ startDate: '2025-03-01T11:30:00' }));
    expect(status.since).toEqual(AT);
  });

  it('accepts fields it does not know', async () => {
    const status = await stateOf(wireState({ openContacts: 2, mediaName: 'Phone', businessUnitId: 4600123 }));
    expect(status).not.toHaveProperty('openContacts');
  });

  it('an empty agentStates list is an InvalidResponseError: every agent has a state', async () => {
    const scopes = connected();
    const call = api().get(`${SERVICES}/agents/1001/states`).reply(200, { agentStates: [] });
    const { client } = makeClient();

    const error = (await caught(client.getAgentState('1001'))) as InvalidResponseError;

    expect(error.fields).toEqual(['agentStates']);
    for (const scope of [...scopes, call]) scope.done();
  });
});

describe('agents', () => {
  it('searchAgents passes searchString/skip/top and returns one page with the total and hidden count', async () => {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents`)
      .query({ searchString: 'ada', skip: '50', top: '25' })
      .reply(200, {
        totalRecords: 51,
        hiddenAgents: 3,
        _links: { next: null },
        agents: [wireAgent({ agentId: '1001', teamId: '12', lastLogin: null, emailAddress: null })],
      });
    const { client } = makeClient();

    const page = await client.searchAgents({ search: 'ada', skip: 50, top: 25 });

    expect(page).toEqual({
      total: 51,
      hidden: 3,
      agents: [
        {
          id: '1001',
          userId: '0f8fad5b-d9cb-469f-a165-70867728950e',
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: '',
          userName: 'ada@example.com',
          isActive: true,
          teamId: '12',
          teamName: 'Tier 1',
          isSupervisor: false,
          lastLogin: undefined,
        },
      ],
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('a search with no match answered 204 is an empty page', async () => {
    const scopes = connected();
    const call = api().get(`${SERVICES}/agents`).query({ searchString: 'nobody' }).reply(204);
    const { client } = makeClient();

    await expect(client.searchAgents({ search: 'nobody' })).resolves.toEqual({
      agents: [],
      total: 0,
      hidden: undefined,
    });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('getAgent reads the one-element array, by integer id or user UUID', async () => {
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents/${uuid}`)
      .reply(200, { agents: [wireAgent({ isActive: false })] });
    const { client } = makeClient();

    await expect(client.getAgent(uuid)).resolves.toMatchObject({ id: '1001', userId: uuid, isActive: false });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('getAgent with an empty list is NotFoundError(agent)', async () => {
    const scopes = connected();
    const call = api().get(`${SERVICES}/agents/1001`).reply(200, { agents: [] });
    const { client } = makeClient();

    const error = (await caught(client.getAgent('1001'))) as NotFoundError;

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: 'agent', id: '1001' });
    for (const scope of [...scopes, call]) scope.done();
  });
});

describe('skills, reasons and history', () => {
  it('listSkills reads every page and translates skillId/skillName/mediaTypeName', async () => {
    const scopes = connected();
    const first = Array.from({ length: 500 }, (_, i) => ({
      skillId: i + 1,
      skillName: `S${i + 1}`,
      isActive: true,
    }));
    const call = api()
      .get(`${SERVICES}/skills`)
      .query({ skip: '0', top: TOP })
      .reply(200, { totalRecords: 501, skills: first })
      .get(`${SERVICES}/skills`)
      .query({ skip: '500', top: TOP })
      .reply(200, {
        totalRecords: 501,
        skills: [
          { skillId: '501', skillName: 'Chat', mediaTypeName: 'Chat', isActive: null, isOutbound: false },
        ],
      });
    const { client } = makeClient();

    const skills = await client.listSkills();

    expect(skills).toHaveLength(501);
    expect(skills[500]).toEqual({ id: '501', name: 'Chat', isActive: true, mediaType: 'Chat' });
    for (const scope of [...scopes, call]) scope.done();
  });

  it('getAgentSkills: an assignment is active only when the skill is active too', async () => {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents/1001/skills`)
      .reply(200, {
        agentSkillAssignments: [
          {
            skillId: 55,
            skillName: 'Billing',
            isActive: true,
            isSkillActive: true,
            agentProficiencyValue: 3,
          },
          {
            skillId: 56,
            skillName: 'Old',
            isActive: true,
            isSkillActive: false,
            agentProficiencyValue: null,
          },
        ],
      });
    const { client } = makeClient();

    await expect(client.getAgentSkills('1001')).resolves.toEqual([
      { id: '55', name: 'Billing', isActive: true, proficiency: 3 },
      { id: '56', name: 'Old', isActive: false, proficiency: undefined },
    ]);
    for (const scope of [...scopes, call]) scope.done();
  });

  it('team and tenant unavailable codes, each with its own field names', async () => {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/teams/12/unavailable-codes`)
      .reply(200, {
        unavailableCodes: [{ outstateId: 7, outstateName: 'Lunch', isActive: true, isAcw: false }],
      })
      .get(`${SERVICES}/unavailable-codes`)
      .reply(200, { unavailableCodes: [{ id: '9', name: 'Wrap-up', isActive: true, isACW: true }] });
    const { client } = makeClient();

    await expect(client.listTeamReasons('12')).resolves.toEqual([
      { id: '7', name: 'Lunch', isActive: true, isAcw: false },
    ]);
    await expect(client.listReasons()).resolves.toEqual([
      { id: '9', name: 'Wrap-up', isActive: true, isAcw: true },
    ]);
    for (const scope of [...scopes, call]) scope.done();
  });

  it('getStateHistory sends the range as ISO dates and reads durations in seconds or hh:mm:ss', async () => {
    const scopes = connected();
    const call = api()
      .get(`${SERVICES}/agents/1001/state-history`)
      .query({ startDate: '2025-03-01T00:00:00.000Z', endDate: '2025-03-01T12:00:00.000Z' })
      .reply(200, {
        agentStateHistory: [
          {
            startDate: '2025-03-01T08:00:00Z',
            agentStateName: 'Available',
            duration: 90,
            agentSessionId: 31,
          },
          {
            startDate: '2025-03-01T08:01:30Z',
            agentStateName: 'Unavailable',
            outStateDescription: 'Lunch',
            duration: '01:00:05',
            stationName: 'Desk 7',
          },
        ],
      });
    const { client } = makeClient();

    const history = await client.getStateHistory('1001', {
      start: new Date('2025-03-01T00:00:00Z'),
      end: new Date('2025-03-01T12:00:00Z'),
    });

    expect(history).toEqual([
      {
        start: new Date('2025-03-01T08:00:00Z'),
        state: 'Available',
        reason: undefined,
        durationSeconds: 90,
        sessionId: '31',
        stationName: undefined,
      },
      {
        start: new Date('2025-03-01T08:01:30Z'),
        state: 'Unavailable',
        reason: 'Lunch',
        durationSeconds: 3605,
        sessionId: undefined,
        stationName: 'Desk 7',
      },
    ]);
    for (const scope of [...scopes, call]) scope.done();
  });
});
