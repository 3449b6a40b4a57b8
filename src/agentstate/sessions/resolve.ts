import { InvalidInputError, NotFoundError } from '../../cxone/errors';
import type { AgentDirectory } from '../agent-directory';
import { type ParsedAgentRef, parseAgentRef } from '../agent-ref';
import { byFullName, chooseMatch, MAX_SEARCH_MATCHES } from '../resolve-agent';
import type { SessionAgent } from './model';
import type { SessionCxonePort } from './port';
import type { SessionResolution } from './types';

/** `GET /agents` page size (`top`). */
export const SESSION_SEARCH_PAGE_SIZE = 100;
/** Agent ids are integers; longer digit strings are not ids anyone could have typed from CXone. */
const AGENT_ID = /^\d{1,12}$/;
/** A name or user name has at least one letter or digit; "#$%" names nobody. */
const NAME_LIKE = /[\p{L}\p{N}]/u;

/**
 * What a supervisor typed, classified for this dialect: an integer agent id, a user UUID, an email, or a
 * user name / name fragment. Anything else is refused before any call.
 */
export function parseSessionAgentRef(raw: string): ParsedAgentRef {
  const text = raw.trim();
  if (AGENT_ID.test(text)) return { kind: 'id', id: text };
  // UUIDs (the user id), emails, names, and the length / control-character checks are the same in both dialects.
  const parsed = parseAgentRef(raw);
  if (parsed.kind === 'name' && !NAME_LIKE.test(parsed.text))
    throw new InvalidInputError(`"${parsed.text}" is not an agent id, email, user name or name`, 'agent');
  return parsed;
}

/** Turns what a supervisor typed into one agent: an id is looked up directly, anything else is searched. */
export async function resolveSessionAgent(
  cxone: SessionCxonePort,
  ref: string,
  /** Agents found by id lately: a repeated status card by id then costs one read, of the state. */
  recent?: AgentDirectory<SessionAgent>,
): Promise<SessionResolution> {
  const parsed = parseSessionAgentRef(ref);
  const query = ref.trim();
  if (parsed.kind === 'id') {
    const known = recent?.get(parsed.id);
    if (known) return { kind: 'found', agent: known };
    try {
      const agent = await cxone.getAgent(parsed.id);
      recent?.remember(agent);
      return { kind: 'found', agent };
    } catch (err) {
      if (err instanceof NotFoundError) return { kind: 'not_found', query };
      throw err;
    }
  }
  const text = parsed.kind === 'email' ? parsed.email : parsed.text;
  let { agents, total, hidden } = await searchAll(cxone, text, MAX_SEARCH_MATCHES);
  if (agents.length === 0 && /\s/.test(text)) {
    // As in the v2 dialect, a search may match one field at a time: "Maria Garcia" by first name, then the
    // full name is checked here.
    const byFirst = await searchAll(cxone, text.split(/\s+/)[0], MAX_SEARCH_MATCHES);
    agents = byFullName(byFirst.agents, text);
    total = agents.length;
  }
  const resolution = chooseMatch(query, parsed, agents, total);
  return resolution.kind === 'not_found' && hidden ? { ...resolution, hidden } : resolution;
}

/** Follows `skip`/`top` pages until `cap` agents or the end. */
export async function searchAll(
  cxone: SessionCxonePort,
  search: string | undefined,
  cap: number,
): Promise<{ agents: SessionAgent[]; total: number; hidden?: number }> {
  const agents: SessionAgent[] = [];
  const top = Math.min(SESSION_SEARCH_PAGE_SIZE, Math.max(1, cap));
  for (;;) {
    const page = await cxone.searchAgents({ search, skip: agents.length, top });
    agents.push(...page.agents);
    const done = page.agents.length === 0 || agents.length >= Math.min(page.total, cap);
    if (done)
      return {
        agents: agents.slice(0, cap),
        total: Math.max(page.total, agents.length),
        hidden: page.hidden,
      };
  }
}
