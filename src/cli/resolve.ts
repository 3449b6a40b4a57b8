import type { Agent } from '../agentstate/model';
import type { AgentStateService } from '../agentstate/types';
import { CliExit, ExitCode } from './io';
import { renderCandidates } from './render';

/** Resolves an agent reference for a command, or ends it: ambiguous is bad input (2), unknown failed (1). */
export async function resolveOrExit(service: AgentStateService, ref: string): Promise<Agent> {
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
