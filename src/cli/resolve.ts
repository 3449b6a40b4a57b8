import type { Agent } from '../agentstate/model';
import type { ResolutionOf } from '../agentstate/resolve-agent';
import { CliExit, ExitCode } from './io';
import { renderCandidates } from './render';

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
  if (r.kind === 'ambiguous') {
    throw new CliExit(ExitCode.usage, renderCandidates(r.query, r.candidates, r.total));
  }
  throw new CliExit(
    ExitCode.failed,
    `no agent matches "${r.query}". Search with: agentstate agents --search <name>`,
  );
}
