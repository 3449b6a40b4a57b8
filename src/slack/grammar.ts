import { z } from 'zod';
import { closest } from './did-you-mean';

/**
 * The `/agentstate` grammar from DESIGN.md, parsed and validated with zod before anything talks to CXone:
 *
 *   /agentstate <agent> | status <agent> | help | diagnose <agent> | history <agent>
 *             | login <agent> [skill] | logout <agent> [skill] | available <agent> | unavailable <agent> [reason]
 *             | skills | watch <agent> [#channel] | unwatch <agent> [#channel] | watching | audit [agent]
 *             | floor [team|skill]
 *
 * Slack delivers the text HTML-escaped (`&amp;`, `&lt;`, `&gt;`), and with "escape channels, users and
 * links" on (manifest `should_escape: true`) mentions arrive as `<@U123|name>` and channels as `<#C123|name>`.
 *
 * The grammar cannot know agents, so it cannot tell where a two-word name ends and a skill, channel or
 * reason begins (`login ines olsen billing`). A subcommand that takes an agent keeps its first word as
 * `agent` and every word after it in `words`; the command layer tries the longest prefix that names an
 * agent (commands/agent-words.ts) and reads the rest as the skill, channel or reason.
 */

export const SUBCOMMANDS = [
  'help',
  'status',
  'diagnose',
  'history',
  'available',
  'unavailable',
  'floor',
  'login',
  'logout',
  'skills',
  'watch',
  'unwatch',
  'watching',
  'audit',
] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const MAX_TEXT = 500;

/** Letters of any script, digits and the punctuation of emails, user names and UUIDs. */
const refSchema = z
  .string()
  .min(1)
  .max(120, 'an agent reference is at most 120 characters')
  .regex(/^[\p{L}\p{M}\p{N}._@+'’-]+(?: [\p{L}\p{M}\p{N}._@+'’-]+){0,3}$/u, {
    message: 'an agent is an id, an email, a user name or a name',
  });

const agentArgSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ref'), ref: refSchema }),
  z.object({
    kind: z.literal('mention'),
    userId: z.string().regex(/^[UW][A-Z0-9]+$/),
    label: z.string().optional(),
  }),
]);
export type AgentArg = z.infer<typeof agentArgSchema>;

const scopeArgSchema = z.string().min(1).max(100, 'a team or skill is at most 100 characters').optional();
/** The words after the agent's first word: more of its name, then a skill, a channel or a reason. */
const wordsSchema = z
  .array(z.string().min(1).max(100, 'a word is at most 100 characters'))
  .min(1)
  .max(40)
  .optional();

const commandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('status'), agent: agentArgSchema, hint: z.string().optional() }),
  z.object({ kind: z.literal('diagnose'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('login'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('logout'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('skills') }),
  z.object({ kind: z.literal('watch'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('unwatch'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('watching') }),
  z.object({ kind: z.literal('audit'), agent: agentArgSchema.optional() }),
  z.object({ kind: z.literal('history'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('available'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('unavailable'), agent: agentArgSchema, words: wordsSchema }),
  z.object({ kind: z.literal('floor'), scope: scopeArgSchema }),
]);
export type Command = z.infer<typeof commandSchema>;
/** The subcommands whose agent may be followed by more words (see the header). */
export type WordsCommand = Extract<Command, { words?: string[] }>;

export interface Usage {
  kind: 'usage';
  /** What was wrong with the text, when something was. */
  problem?: string;
  /** A corrected command line, e.g. "diagnose ada". */
  suggestion?: string;
}

export type ParseResult = Command | Usage;

/** Splits on whitespace, keeping "double quoted" or “curly quoted” phrases together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)) {
    const t = (m[1] ?? m[2] ?? m[3] ?? '').trim().replace(/\s+/g, ' ');
    if (t) tokens.push(t);
  }
  return tokens;
}

function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function agentArg(token: string): AgentArg {
  const mention = /^<@([A-Z0-9]+)(?:\|([^>]*))?>$/.exec(token);
  if (mention) return { kind: 'mention', userId: mention[1]!, label: mention[2] || undefined };
  return { kind: 'ref', ref: unescapeSlack(token) };
}

/** `status Ada Lovelace`: every word is the agent (a mention stays a mention). */
function fullName(args: string[]): AgentArg {
  return args.length === 1
    ? agentArg(args[0] as string)
    : { kind: 'ref', ref: unescapeSlack(args.join(' ')) };
}

/** A channel as Slack escapes it (`<#C123|name>`) or a bare channel id; undefined for anything else. */
export function channelOf(token: string): string | undefined {
  const id = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token)?.[1] ?? token;
  return /^[CG][A-Z0-9]+$/.test(id) ? id : undefined;
}

/** A channel stays as Slack wrote it (channelOf reads it); any other word is unescaped. */
function word(token: string): string {
  return token.startsWith('<#') ? token : unescapeSlack(token);
}

function withWords(sub: Subcommand, agent: AgentArg | undefined, rest: string[]) {
  return rest.length ? { kind: sub, agent, words: rest.map(word) } : { kind: sub, agent };
}

function build(sub: Subcommand, args: string[]): unknown {
  const [first, ...rest] = args;
  const agent = first === undefined ? undefined : agentArg(first);
  switch (sub) {
    case 'skills':
    case 'watching':
      return args.length ? { kind: sub, extra: args } : { kind: sub };
    case 'status':
      return args.length === 0 ? { kind: sub } : { kind: sub, agent: fullName(args) };
    case 'diagnose':
    case 'history':
    case 'available':
    case 'unavailable':
    case 'login':
    case 'logout':
    case 'watch':
    case 'unwatch':
      return withWords(sub, agent, rest);
    case 'floor':
      return { kind: sub, scope: args.length ? unescapeSlack(args.join(' ')) : undefined };
    case 'audit':
      if (rest.length) return { kind: sub, extra: rest };
      return agent ? { kind: sub, agent } : { kind: sub };
  }
}

function validate(candidate: unknown, sub: string): ParseResult {
  if (candidate && typeof candidate === 'object' && 'extra' in candidate) {
    return { kind: 'usage', problem: `\`${sub}\` does not take those extra words.` };
  }
  const parsed = commandSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const missingAgent = issue?.path.length === 1 && issue.path[0] === 'agent';
  return {
    kind: 'usage',
    problem: missingAgent
      ? `\`${sub}\` needs an agent.`
      : `\`${sub}\`: ${issue?.message ?? 'invalid input'}.`,
  };
}

export function parseCommand(rawText: string | undefined): ParseResult {
  const text = (rawText ?? '').trim();
  if (text.length > MAX_TEXT) return { kind: 'usage', problem: 'That command is too long.' };
  const tokens = tokenize(text);
  const [head, ...args] = tokens;
  if (head === undefined || ['help', '-h', '--help', '?'].includes(head.toLowerCase()))
    return { kind: 'help' };
  const lower = head.toLowerCase() as Subcommand;
  if (SUBCOMMANDS.includes(lower)) return validate(build(lower, args), lower);

  const near = closest(head, SUBCOMMANDS);
  if (args.length === 0) {
    // One word is an agent reference; remember the near subcommand for a hint if no agent matches.
    return validate({ kind: 'status', agent: agentArg(head), hint: near }, 'agent');
  }
  if (near) {
    return {
      kind: 'usage',
      problem: `Unknown subcommand \`${head}\`.`,
      suggestion: [near, ...args].join(' '),
    };
  }
  // Several words that are not a subcommand: a full name such as `Ada Lovelace`.
  return validate({ kind: 'status', agent: { kind: 'ref', ref: unescapeSlack(tokens.join(' ')) } }, 'agent');
}
