import { namePrefixes, resolveLeadingName, unusedWordsProblem } from '../../src/slack/commands/agent-words';

/** The rule both dialects use for `<agent> [more words]` after a subcommand, with a tenant as a list. */

const tenant = [
  { id: '1', firstName: 'Ines', lastName: 'Olsen', userName: 'iolsen' },
  { id: '2', firstName: 'Ines', lastName: 'Khan', userName: 'ikhan' },
  { id: '3', firstName: 'Hugo', lastName: 'Andersen', userName: 'handersen' },
  { id: '4', firstName: 'Felix', lastName: 'Rossi', userName: 'frossi' },
  { id: '5', firstName: 'Felix', lastName: 'Chen', userName: 'fchen' },
];
type A = (typeof tenant)[number];

function lookup(tried: string[]) {
  return async (ref: string) => {
    tried.push(ref);
    const q = ref.toLowerCase();
    const matches = tenant.filter((a) =>
      `${a.firstName} ${a.lastName}\n${a.userName}`.toLowerCase().includes(q),
    );
    if (matches.length === 1) return { kind: 'found' as const, agent: matches[0] as A };
    if (matches.length > 1)
      return { kind: 'ambiguous' as const, query: ref, candidates: matches, total: matches.length };
    return { kind: 'not_found' as const, query: ref };
  };
}

describe('reading a name followed by more words', () => {
  it('when two words name one agent, then the rest is the skill', async () => {
    const tried: string[] = [];
    const r = await resolveLeadingName('ines', ['olsen', 'billing'], lookup(tried));
    expect(r).toMatchObject({ kind: 'found', agent: { id: '1' }, ref: 'ines olsen', rest: ['billing'] });
    expect(tried).toEqual(['ines olsen billing', 'ines olsen']);
  });

  it('when a multi-word skill follows, then the longest prefix naming someone wins', async () => {
    const r = await resolveLeadingName('hugo', ['sales', 'inbound'], lookup([]));
    expect(r).toMatchObject({ kind: 'found', agent: { id: '3' }, ref: 'hugo', rest: ['sales', 'inbound'] });
  });

  it('when the longest naming prefix fits several agents, then they are candidates and the rest is kept', async () => {
    const r = await resolveLeadingName('felix', ['retention'], lookup([]));
    expect(r).toMatchObject({ kind: 'ambiguous', total: 2, rest: ['retention'] });
  });

  it('when nothing names anyone, then the first word is what was not found', async () => {
    expect(await resolveLeadingName('zed', ['billing'], lookup([]))).toEqual({
      kind: 'not_found',
      query: 'zed',
    });
  });

  it('never reads a channel or more than four words as part of a name', () => {
    expect(namePrefixes('ivan', ['nguyen', '<#C1|sales>']).map((p) => p.ref)).toEqual([
      'ivan nguyen',
      'ivan',
    ]);
    expect(namePrefixes('a', ['b', 'c', 'd', 'e']).map((p) => p.ref)[0]).toBe('a b c d');
    expect(namePrefixes('"a b"'.replace(/"/g, ''), ['c', 'd', 'e'])[0]).toEqual({
      ref: 'a b c d',
      rest: ['e'],
    });
  });

  it('names the words it could not use, with the agent it found', () => {
    expect(unusedWordsProblem('diagnose', tenant[2] as A, ['now', 'please'])).toBe(
      'Found Hugo Andersen, but could not use `now please`: `diagnose` takes only an agent.',
    );
  });
});
