import type { Agent } from '../../agentstate/model';
import { displayName } from '../../agentstate/model';
import type { CommandOutcome } from '../../metrics';
import { notFoundCard } from '../blocks';
import type { Card } from '../blocks/kit';
import type { BaseSlackDeps } from '../deps';
import { type AgentArg, channelOf } from '../grammar';
import { agentRef } from './agent-arg';
import type { CommandContext } from './context';

/**
 * The rule both dialects use to read `<agent> [more words]` after a subcommand (`login ines olsen billing`,
 * `watch ivan nguyen #sales`): the grammar cannot know agents, so here the longest prefix of the words that
 * names an agent is the agent and the rest is the skill, channel or reason.
 */

/** A name is at most four words (the grammar's agent reference), made of the characters names use. */
const MAX_NAME_WORDS = 4;
const NAME_WORD = /^[\p{L}\p{M}\p{N}._@+'’-]+$/u;

type Resolved<A> =
  | { kind: 'found'; agent: A }
  | { kind: 'ambiguous'; query: string; candidates: A[]; total: number }
  | { kind: 'not_found'; query: string };

export type LeadingResolution<A> =
  | { kind: 'found'; agent: A; ref: string; rest: string[] }
  | { kind: 'ambiguous'; query: string; candidates: A[]; total: number; rest: string[] }
  | { kind: 'not_found'; query: string };

/** The references to try, longest first: the first word, then it with each following word that fits a name. */
export function namePrefixes(first: string, words: readonly string[]): { ref: string; rest: string[] }[] {
  let fit = 0;
  const room = MAX_NAME_WORDS - first.split(' ').length;
  while (fit < words.length && fit < room && NAME_WORD.test(words[fit] as string)) fit++;
  const out: { ref: string; rest: string[] }[] = [];
  for (let n = fit; n >= 0; n--)
    out.push({ ref: [first, ...words.slice(0, n)].join(' '), rest: words.slice(n) });
  return out;
}

/**
 * Tries the prefixes longest first and stops at the first that names anyone. Several agents for that
 * prefix are a choice for the supervisor, never a reason to try a shorter prefix: "ines olsen" naming two
 * agents must not quietly become the one agent whose user name is "ines".
 */
export async function resolveLeadingName<A>(
  first: string,
  words: readonly string[],
  resolve: (ref: string) => Promise<Resolved<A>>,
): Promise<LeadingResolution<A>> {
  const prefixes = namePrefixes(first, words);
  for (const p of prefixes) {
    const r = await resolve(p.ref);
    if (r.kind === 'found') return { kind: 'found', agent: r.agent, ref: p.ref, rest: p.rest };
    if (r.kind === 'ambiguous') return { ...r, rest: p.rest };
  }
  return { kind: 'not_found', query: first };
}

/** How a dialect looks agents up and words the answers that are its own. */
export interface AgentLookup<A> {
  resolve(ref: string): Promise<Resolved<A>>;
  /** The "matches N agents" card; `rest` is what followed the name, for the picker to carry on. */
  ambiguousCard(r: { query: string; candidates: A[]; total: number }, rest: string[]): Card;
  usageCard(problem: string): Card;
}

export type AgentWords<A> =
  | {
      ok: true;
      agent: A;
      /** The reference that named the agent, as typed (an email for a mention): pass it on, not the id. */
      ref: string;
      rest: string[];
      mention?: { userId: string; email: string };
    }
  | { ok: false; outcome: CommandOutcome };

/** `<agent> [words]` as one agent and the words left after its name; otherwise answers and says why. */
export async function leadingAgent<A>(
  ctx: CommandContext<BaseSlackDeps>,
  lookup: AgentLookup<A>,
  arg: AgentArg,
  words: readonly string[] = [],
): Promise<AgentWords<A>> {
  const ref = await agentRef(ctx, arg);
  if (!ref.ok) return ref;
  // A mention is one word and exactly one member: nothing after it can be part of the name.
  const r = ref.mention
    ? withRest(await lookup.resolve(ref.ref), ref.ref, [...words])
    : await resolveLeadingName(ref.ref, words, (x) => lookup.resolve(x));
  if (r.kind === 'found')
    return {
      ok: true,
      agent: r.agent,
      ref: r.ref,
      rest: r.rest,
      ...(ref.mention ? { mention: ref.mention } : {}),
    };
  if (r.kind === 'ambiguous') {
    await ctx.respond(lookup.ambiguousCard(r, r.rest));
    return { ok: false, outcome: 'ok' };
  }
  await ctx.respond(notFoundCard(r.query, ref.mention ? { mention: ref.mention } : {}));
  return { ok: false, outcome: 'not_found' };
}

function withRest<A>(r: Resolved<A>, ref: string, rest: string[]): LeadingResolution<A> {
  if (r.kind === 'found') return { kind: 'found', agent: r.agent, ref, rest };
  if (r.kind === 'ambiguous') return { ...r, rest };
  return r;
}

type Named = Pick<Agent, 'firstName' | 'lastName' | 'userName'>;

/** "Found Hugo Andersen, but could not use `extra words`: `diagnose` takes only an agent." */
export function unusedWordsProblem(sub: string, agent: Named, rest: readonly string[], why?: string): string {
  const tail = why ?? `\`${sub}\` takes only an agent`;
  return `Found ${displayName(agent)}, but could not use \`${rest.join(' ')}\`: ${tail}.`;
}

/** The agent alone: any word left after its name is refused, naming the words. */
export async function onlyAgent<A extends Named>(
  ctx: CommandContext<BaseSlackDeps>,
  lookup: AgentLookup<A>,
  sub: string,
  arg: AgentArg,
  words: readonly string[] = [],
  /** Why nothing may follow the name, when "takes only an agent" is not the whole story. */
  why?: string,
): Promise<AgentWords<A>> {
  const found = await leadingAgent(ctx, lookup, arg, words);
  if (!found.ok || found.rest.length === 0) return found;
  await ctx.respond(lookup.usageCard(unusedWordsProblem(sub, found.agent, found.rest, why)));
  return { ok: false, outcome: 'usage' };
}

/** The agent and an optional `#channel` after its name; anything else is refused, naming the words. */
export async function agentAndChannel<A extends Named>(
  ctx: CommandContext<BaseSlackDeps>,
  lookup: AgentLookup<A>,
  sub: string,
  arg: AgentArg,
  words: readonly string[] = [],
): Promise<(AgentWords<A> & { ok: true; channel?: string }) | { ok: false; outcome: CommandOutcome }> {
  const found = await leadingAgent(ctx, lookup, arg, words);
  if (!found.ok) return found;
  const [only, ...more] = found.rest;
  if (only === undefined) return found;
  const channel = channelOf(only);
  if (channel && more.length === 0) return { ...found, channel };
  const unused = channel ? more : found.rest;
  const why = channel
    ? `\`${sub}\` takes one channel`
    : 'a channel is written #channel (pick it from the list Slack offers as you type #)';
  await ctx.respond(lookup.usageCard(unusedWordsProblem(sub, found.agent, unused, why)));
  return { ok: false, outcome: 'usage' };
}

/** The words after the name as one phrase (a skill or a reason); undefined when there are none. */
export function phrase(rest: readonly string[]): string | undefined {
  return rest.length ? rest.join(' ') : undefined;
}

/** `unwatch` looks names up among stored watches first, so a `#channel` at the end is read before the name. */
export function trailingChannel(words: readonly string[] = []): { channel?: string; words: string[] } {
  const last = words[words.length - 1];
  const channel = last === undefined ? undefined : channelOf(last);
  return channel ? { channel, words: words.slice(0, -1) } : { words: [...words] };
}
