import { parseAgentRef } from '../../src/agentstate/agent-ref';
import { InvalidInputError, UnavailableError } from '../../src/cxone/errors';
import { ids, jane, janet, setup, totalCalls } from './tenant';

describe('classifying what a supervisor typed', () => {
  it('treats a UUID as an id, anything with @ as an email, and the rest as a name', () => {
    expect(parseAgentRef(` ${ids.jane} `)).toEqual({ kind: 'id', id: ids.jane });
    expect(parseAgentRef('Jane.Doe@example.com')).toEqual({ kind: 'email', email: 'Jane.Doe@example.com' });
    expect(parseAgentRef('jdoe')).toEqual({ kind: 'name', text: 'jdoe' });
    expect(parseAgentRef('Jane Doe')).toEqual({ kind: 'name', text: 'Jane Doe' });
  });

  it.each([
    ['an empty reference', '   '],
    ['a reference over 200 characters', 'x'.repeat(201)],
    ['control characters', 'jane\u0007doe'],
    ['a truncated id', 'a0000000-0000-4000-8000'],
    ['an id with an extra digit', 'a0000000-0000-4000-8000-0000000000011'],
  ])('rejects %s with a one-line message', (_what, raw) => {
    expect(() => parseAgentRef(raw)).toThrow(InvalidInputError);
    try {
      parseAgentRef(raw);
    } catch (err) {
      expect((err as InvalidInputError).field).toBe('agent');
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('resolving an agent', () => {
  it('finds an agent by id through the search', async () => {
    const { service, cxone } = setup();
    await expect(service.resolveAgent(ids.jane.toUpperCase())).resolves.toEqual({
      kind: 'found',
      agent: jane,
    });
    expect(cxone.calls.searchAgents).toBe(1);
    expect(cxone.calls.getAgentStates).toBe(0);
  });

  it('when the search does not match ids, then the states endpoint confirms the agent exists and the roster names them', async () => {
    const { service, cxone } = setup();
    cxone.searchMatchesIds = false;
    const result = await service.resolveAgent(ids.jane);
    // Named from the roster (every agent, read page by page), never shown as a bare id.
    expect(result).toMatchObject({
      kind: 'found',
      agent: { id: ids.jane, firstName: 'Jane', isActive: true },
    });
    expect(cxone.calls.getAgentStates).toBe(1);
  });

  it('when neither the search nor the states endpoint knows the id, then it is not found', async () => {
    const { service } = setup();
    await expect(service.resolveAgent(ids.unknownAgent)).resolves.toEqual({
      kind: 'not_found',
      query: ids.unknownAgent,
    });
  });

  it('finds an agent by email, case-insensitively', async () => {
    const { service } = setup();
    await expect(service.resolveAgent('JANE.DOE@example.com')).resolves.toEqual({
      kind: 'found',
      agent: jane,
    });
  });

  it('prefers the exact user name over agents whose names merely contain it', async () => {
    const { service } = setup({
      tenant: (t) => {
        t.agents.push({ ...janet, id: 'a0000000-0000-4000-8000-000000000077', userName: 'jdoe2' });
      },
    });
    await expect(service.resolveAgent('JDOE')).resolves.toEqual({ kind: 'found', agent: jane });
  });

  it('finds the one agent matching a name fragment', async () => {
    const { service } = setup();
    await expect(service.resolveAgent('smith')).resolves.toEqual({ kind: 'found', agent: janet });
  });

  it('finds an agent by full name even though CXone searches one field at a time', async () => {
    const { service } = setup();
    await expect(service.resolveAgent('jane doe')).resolves.toEqual({ kind: 'found', agent: jane });
  });

  it('when a fragment matches several agents, then it is ambiguous with the candidates', async () => {
    const { service } = setup();
    const result = await service.resolveAgent('jan');
    expect(result).toEqual({ kind: 'ambiguous', query: 'jan', candidates: [jane, janet], total: 2 });
  });

  it('follows the pages of a broad search but hands back at most ten candidates', async () => {
    const { service, cxone } = setup({
      tenant: (t) => {
        for (let i = 0; i < 150; i++)
          t.agents.push({
            id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            firstName: 'Temp',
            lastName: `Worker ${i}`,
            email: `temp${i}@example.com`,
            userName: `temp${i}`,
            isActive: true,
          });
      },
    });
    const result = await service.resolveAgent('temp');
    expect(result).toMatchObject({ kind: 'ambiguous', total: 150 });
    expect(result.kind === 'ambiguous' && result.candidates).toHaveLength(10);
    expect(cxone.calls.searchAgents).toBe(2);
  });

  it('when nothing matches, then it is not found', async () => {
    const { service } = setup();
    await expect(service.resolveAgent('nobody')).resolves.toEqual({ kind: 'not_found', query: 'nobody' });
  });

  it('rejects a malformed reference before calling CXone', async () => {
    const { service, cxone } = setup();
    await expect(service.resolveAgent('a0000000-0000-4000')).rejects.toThrow(InvalidInputError);
    await expect(service.resolveAgent('')).rejects.toThrow(InvalidInputError);
    expect(totalCalls(cxone)).toBe(0);
  });

  it('lets CXone failures through for the surface to explain', async () => {
    const { service, cxone } = setup();
    cxone.fail('searchAgents', new UnavailableError('down', 'server'));
    await expect(service.resolveAgent('jdoe')).rejects.toThrow(UnavailableError);
  });
});
