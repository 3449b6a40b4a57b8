import type { Agent } from '../agentstate/model';
import type { ResolutionOf } from '../agentstate/resolve-agent';
import { CliExit, ExitCode } from './io';
import { agentLine } from './render';

/**
 * Resolves an agent reference for a command, or ends it: ambiguous is bad input (2), unknown failed (1).
 * Works for either dialect's agents (both carry what a candidate line shows).
 */
export async function resolveOrExit<A extends Agent>(
  service: { resolveAgent(ref: string): Promise<ResolutionOf<A>> },
  ref: string,
): Promise<A> {
  const r = await service.resolveAgent(ref);
  if (r.kind === 'found') return r.agent;
  if (r.kind === 'ambiguous') throw ambiguousAgent(r);
  throw unknownAgent(r);
}

/**
 * A reference that matches several agents (exit 2): a terminal gets one line per candidate, `--json` the
 * candidates as data.
 */
export function ambiguousAgent(r: { query: string; candidates: Agent[]; total: number }): CliExit {
  const more =
    r.total > r.candidates.length ? [`… and ${r.total - r.candidates.length} more; narrow the search.`] : [];
  return new CliExit(ExitCode.usage, `"${r.query}" matches ${r.total} agents`, {
    errorCode: 'ambiguous',
    detail: [...r.candidates.map((a) => `  ${agentLine(a)}`), ...more].join('\n'),
    data: { query: r.query, total: r.total, candidates: r.candidates },
  });
}

/**
 * A reference that matches nobody (exit 1). `hidden` (incontact): how many agents the API user may not see,
 * when the search said so; the agent may be one of them.
 */
export function unknownAgent(r: { query: string; hidden?: number }): CliExit {
  const hidden = r.hidden
    ? `${r.hidden} agents are not visible to this API user; it may be one of them.`
    : 'Search with: agentstate agents --search <name>';
  return new CliExit(ExitCode.failed, `no agent matches "${r.query}"`, {
    errorCode: 'not_found',
    detail: hidden,
    data: { query: r.query, ...(r.hidden ? { hidden: r.hidden } : {}) },
  });
}
