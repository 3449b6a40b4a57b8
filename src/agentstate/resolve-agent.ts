import { NotFoundError } from '../cxone/errors';
import type { Logger } from '../logger';
import { type ParsedAgentRef, parseAgentRef } from './agent-ref';
import { sameId, sameName, type UseCaseDeps } from './deps';
import { type Agent, displayName } from './model';
import type { CxonePort } from './ports';
import type { Roster } from './roster';
import type { AgentRef, Resolution } from './types';

/** GET /agents page size; CXone's maximum in the seed dialect. */
export const SEARCH_PAGE_SIZE = 100;
/** A fragment like "a" could match the whole tenant; past this many matches we stop paging. */
export const MAX_SEARCH_MATCHES = 500;
/** How many candidates an ambiguous answer carries; `total` says how many there were. */
export const MAX_CANDIDATES = 10;

/**
 * Turns what a supervisor typed into one agent. An id, email or user name that matches exactly wins;
 * anything else is a search whose results are the candidates.
 */
export async function resolveAgent(
  cxone: CxonePort,
  ref: AgentRef,
  logger?: Logger,
  roster?: Roster<Agent>,
): Promise<Resolution> {
  const parsed = parseAgentRef(ref);
  const query = ref.trim();
  if (parsed.kind === 'id') return resolveById(cxone, parsed.id, query, logger, roster);

  const text = parsed.kind === 'email' ? parsed.email : parsed.text;
  const { matches, total } = await searchText(cxone, text);
  return chooseMatch(query, parsed, matches, total);
}

/** `resolveAgent`, remembering a found agent so the next status card by id can skip the search. */
export async function resolveAndRemember(
  deps: Pick<UseCaseDeps, 'cxone' | 'logger' | 'agents' | 'roster'>,
  ref: AgentRef,
): Promise<Resolution> {
  const resolution = await resolveAgent(deps.cxone, ref, deps.logger, deps.roster);
  if (resolution.kind === 'found') deps.agents?.remember(resolution.agent);
  return resolution;
}

async function resolveById(
  cxone: CxonePort,
  id: string,
  query: string,
  logger?: Logger,
  roster?: Roster<Agent>,
): Promise<Resolution> {
  const page = await cxone.searchAgents({ search: id, pageSize: SEARCH_PAGE_SIZE });
  const agent = page.entities.find((a) => sameId(a.id, id));
  if (agent) return { kind: 'found', agent };
  // There is no GET /agents/{id}; some tenants' search does not match on ids, so ask the states endpoint,
  // which answers 404 for an unknown agent.
  try {
    await cxone.getAgentStates(id);
  } catch (err) {
    if (err instanceof NotFoundError) return { kind: 'not_found', query };
    throw err;
  }
  // The tutorial's API never promises that its search matches ids: the cached roster (every agent, read
  // page by page) still names the person, so a card or a drop notice never shows a bare id.
  const listed = (await roster?.all().catch(() => undefined))?.find((a) => sameId(a.id, id));
  if (listed) return { kind: 'found', agent: listed };
  logger?.warn(
    { agentId: id },
    'agent exists but neither search nor the roster list it; using a bare record',
  );
  return { kind: 'found', agent: bareAgent(id) };
}

/**
 * CXone's search matches one field at a time, so "Jane Doe" finds nobody; when a multi-word query finds
 * nothing, search by its first word and keep the agents whose full name contains the whole query.
 */
async function searchText(cxone: CxonePort, text: string): Promise<{ matches: Agent[]; total: number }> {
  const direct = await searchAll(cxone, text, MAX_SEARCH_MATCHES);
  const words = text.split(/\s+/);
  if (direct.matches.length > 0 || words.length < 2) return direct;
  const byFirstWord = await searchAll(cxone, words[0], MAX_SEARCH_MATCHES);
  const matches = byFullName(byFirstWord.matches, text);
  return { matches, total: matches.length };
}

/**
 * The agent exists (its states endpoint answered) but we know nothing else about it. It is assumed active:
 * CXone answered for it, and the diagnosis has no better evidence either way.
 */
function bareAgent(id: string): Agent {
  return { id, firstName: '', lastName: '', email: '', userName: id, isActive: true };
}

/** The fields both dialects' agents carry, which is all that matching a typed reference needs. */
type NamedAgent = Pick<Agent, 'firstName' | 'lastName' | 'userName' | 'email'>;

export function isExactMatch(agent: NamedAgent, parsed: ParsedAgentRef): boolean {
  if (parsed.kind === 'email') return sameName(agent.email, parsed.email);
  if (parsed.kind === 'name')
    return sameName(agent.userName, parsed.text) || sameName(displayName(agent), parsed.text);
  return false;
}

export type ResolutionOf<A> =
  | { kind: 'found'; agent: A }
  | { kind: 'ambiguous'; query: string; candidates: A[]; total: number }
  | { kind: 'not_found'; query: string };

/** Exact matches win over partial ones; one match is found, several are candidates. */
export function chooseMatch<A extends NamedAgent>(
  query: string,
  parsed: ParsedAgentRef,
  matches: A[],
  total: number,
): ResolutionOf<A> {
  const exact = matches.filter((a) => isExactMatch(a, parsed));
  const pool = exact.length > 0 ? exact : matches;
  const [first] = pool;
  if (!first) return { kind: 'not_found', query };
  if (pool.length === 1) return { kind: 'found', agent: first };
  const count = exact.length > 0 ? exact.length : total;
  return { kind: 'ambiguous', query, candidates: pool.slice(0, MAX_CANDIDATES), total: count };
}

/**
 * A multi-word query that CXone's one-field search cannot match: keep the agents whose full name contains
 * the whole query (see searchText).
 */
export function byFullName<A extends NamedAgent>(agents: A[], text: string): A[] {
  const needle = text.split(/\s+/).join(' ').toLowerCase();
  return agents.filter((a) => displayName(a).toLowerCase().includes(needle));
}

/**
 * Follows pages until `cap` matches or the end. The first request leaves `page` to the server and later
 * ones continue from the page number it reports, so this works whether pages count from 0 or 1.
 */
export async function searchAll(
  cxone: CxonePort,
  search: string | undefined,
  cap: number,
): Promise<{ matches: Agent[]; total: number }> {
  const matches: Agent[] = [];
  const pageSize = Math.min(SEARCH_PAGE_SIZE, cap);
  let page = await cxone.searchAgents({ search, pageSize });
  for (;;) {
    matches.push(...page.entities);
    const done = page.entities.length === 0 || matches.length >= Math.min(page.total, cap);
    if (done) return { matches: matches.slice(0, cap), total: Math.max(page.total, matches.length) };
    page = await cxone.searchAgents({ search, page: page.page + 1, pageSize });
  }
}
