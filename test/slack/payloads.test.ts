import { parseCommand } from '../../src/slack/grammar';
import { decode, encode, loginValueSchema, shareValueSchema } from '../../src/slack/payloads';
import { ada, sales } from './fixtures';

describe('button values coming back from Slack', () => {
  it('round-trip as compact JSON', () => {
    const value = { a: ada.id, s: sales.id };
    expect(encode(value)).toBe(`{"a":"${ada.id}","s":"${sales.id}"}`);
    expect(decode(loginValueSchema, encode(value))).toEqual(value);
  });

  it('are refused when malformed, stale or tampered with', () => {
    expect(decode(loginValueSchema, undefined)).toBeUndefined();
    expect(decode(loginValueSchema, 'not json')).toBeUndefined();
    expect(decode(loginValueSchema, '{"a":"../../etc"}')).toBeUndefined();
    expect(decode(loginValueSchema, '{"agent":"x"}')).toBeUndefined();
    expect(decode(shareValueSchema, '{"k":"everything"}')).toBeUndefined();
    expect(decode(shareValueSchema, `{"k":"text","t":"${'x'.repeat(2000)}"}`)).toBeUndefined();
  });
});

describe('grammar edge cases', () => {
  it('treats --help and ? as help', () => {
    expect(parseCommand('--help')).toEqual({ kind: 'help' });
    expect(parseCommand('?')).toEqual({ kind: 'help' });
  });
});
