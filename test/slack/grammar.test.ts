import { channelOf, parseCommand, tokenize } from '../../src/slack/grammar';

describe('the /agentstate grammar', () => {
  it('shows usage for empty text and for help', () => {
    expect(parseCommand('')).toEqual({ kind: 'help' });
    expect(parseCommand('   ')).toEqual({ kind: 'help' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('HELP')).toEqual({ kind: 'help' });
  });

  it('reads a single word as an agent reference', () => {
    expect(parseCommand('ada')).toEqual({ kind: 'status', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('ada@example.com')).toMatchObject({ agent: { ref: 'ada@example.com' } });
    expect(parseCommand('6f1e0c8a-3b7d-4a40-9c55-0f1a2b3c4d5e')).toMatchObject({ kind: 'status' });
  });

  it('remembers a near subcommand on a single word so a miss can say "did you mean"', () => {
    expect(parseCommand('skils')).toEqual({
      kind: 'status',
      agent: { kind: 'ref', ref: 'skils' },
      hint: 'skills',
    });
  });

  it('reads several words that are no subcommand as a full name', () => {
    expect(parseCommand('Ada Lovelace')).toEqual({
      kind: 'status',
      agent: { kind: 'ref', ref: 'Ada Lovelace' },
    });
    expect(parseCommand('"Ada  Lovelace"')).toMatchObject({ agent: { ref: 'Ada Lovelace' } });
  });

  it('suggests the closest subcommand when the first of several words is a typo', () => {
    expect(parseCommand('dignose ada')).toEqual({
      kind: 'usage',
      problem: 'Unknown subcommand `dignose`.',
      suggestion: 'diagnose ada',
    });
    expect(parseCommand('logn ada')).toMatchObject({ kind: 'usage', suggestion: 'login ada' });
  });

  it('parses diagnose, login and logout, keeping the words after the agent for the command to split', () => {
    // The grammar cannot know where a two-word name ends and the skill begins: it keeps the words.
    expect(parseCommand('diagnose ada')).toEqual({ kind: 'diagnose', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('login ada Sales Inbound')).toEqual({
      kind: 'login',
      agent: { kind: 'ref', ref: 'ada' },
      words: ['Sales', 'Inbound'],
    });
    expect(parseCommand('login ines olsen billing')).toEqual({
      kind: 'login',
      agent: { kind: 'ref', ref: 'ines' },
      words: ['olsen', 'billing'],
    });
    expect(parseCommand('diagnose hugo andersen')).toEqual({
      kind: 'diagnose',
      agent: { kind: 'ref', ref: 'hugo' },
      words: ['andersen'],
    });
    expect(parseCommand('logout ada')).toEqual({ kind: 'logout', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('skills')).toEqual({ kind: 'skills' });
  });

  it('parses audit with an optional agent, and refuses extra words', () => {
    expect(parseCommand('audit')).toEqual({ kind: 'audit' });
    expect(parseCommand('audit ada')).toEqual({ kind: 'audit', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('audit "Ada Lovelace"')).toMatchObject({ agent: { ref: 'Ada Lovelace' } });
    expect(parseCommand('audit ada lovelace')).toMatchObject({ kind: 'usage' });
    expect(parseCommand('audti ada')).toMatchObject({ kind: 'usage', suggestion: 'audit ada' });
  });

  it('reads Slack-escaped mentions and channels', () => {
    expect(parseCommand('<@U123ABC|ada>')).toEqual({
      kind: 'status',
      agent: { kind: 'mention', userId: 'U123ABC', label: 'ada' },
    });
    expect(parseCommand('login <@U123ABC>')).toMatchObject({ agent: { kind: 'mention', userId: 'U123ABC' } });
    expect(parseCommand('watch ada <#C0123|support>')).toEqual({
      kind: 'watch',
      agent: { kind: 'ref', ref: 'ada' },
      words: ['<#C0123|support>'],
    });
    expect(channelOf('<#C0123|support>')).toBe('C0123');
    expect(channelOf('C0123')).toBe('C0123');
    expect(channelOf('#general')).toBeUndefined();
    expect(channelOf('nguyen')).toBeUndefined();
    expect(parseCommand('watching')).toEqual({ kind: 'watching' });
  });

  it('turns garbage into usage without an agent', () => {
    expect(parseCommand('!!! ###')).toMatchObject({ kind: 'usage' });
    expect(parseCommand('<script>')).toMatchObject({ kind: 'usage' });
    expect(parseCommand('x'.repeat(600))).toMatchObject({
      kind: 'usage',
      problem: 'That command is too long.',
    });
    expect(parseCommand('diagnose')).toEqual({ kind: 'usage', problem: '`diagnose` needs an agent.' });
    expect(parseCommand('login')).toEqual({ kind: 'usage', problem: '`login` needs an agent.' });
    expect(parseCommand('skills now')).toMatchObject({ kind: 'usage' });
    // Words after an agent are kept: only the command layer, which knows agents, can tell what they are.
    expect(parseCommand('diagnose ada bob')).toMatchObject({ kind: 'diagnose', words: ['bob'] });
    expect(parseCommand('watch ada #general')).toMatchObject({ kind: 'watch', words: ['#general'] });
  });

  it('unescapes what Slack escaped in plain words', () => {
    expect(tokenize('a  "b c"  “d e”')).toEqual(['a', 'b c', 'd e']);
    expect(parseCommand('login ada R&amp;D')).toMatchObject({ words: ['R&D'] });
  });
});

describe('the subcommands of a real tenant, and status by its name', () => {
  it('parses status, history, available, unavailable with a multi-word reason, and floor', () => {
    expect(parseCommand('status ada')).toEqual({ kind: 'status', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('status Ada Lovelace')).toEqual({
      kind: 'status',
      agent: { kind: 'ref', ref: 'Ada Lovelace' },
    });
    expect(parseCommand('history ada')).toEqual({ kind: 'history', agent: { kind: 'ref', ref: 'ada' } });
    expect(parseCommand('available <@U123|ada>')).toEqual({
      kind: 'available',
      agent: { kind: 'mention', userId: 'U123', label: 'ada' },
    });
    expect(parseCommand('unavailable ada Team Meeting')).toEqual({
      kind: 'unavailable',
      agent: { kind: 'ref', ref: 'ada' },
      words: ['Team', 'Meeting'],
    });
    expect(parseCommand('unavailable ada')).toEqual({
      kind: 'unavailable',
      agent: { kind: 'ref', ref: 'ada' },
    });
    expect(parseCommand('floor')).toEqual({ kind: 'floor' });
    expect(parseCommand('floor Sales EN')).toEqual({ kind: 'floor', scope: 'Sales EN' });
  });

  it('asks for the agent when a subcommand needs one', () => {
    expect(parseCommand('status')).toMatchObject({ kind: 'usage', problem: '`status` needs an agent.' });
    expect(parseCommand('available')).toMatchObject({
      kind: 'usage',
      problem: '`available` needs an agent.',
    });
  });

  it('suggests a near subcommand for a typo', () => {
    expect(parseCommand('statsu ada')).toMatchObject({ kind: 'usage', suggestion: 'status ada' });
    expect(parseCommand('availabel ada')).toMatchObject({ kind: 'usage', suggestion: 'available ada' });
  });
});
