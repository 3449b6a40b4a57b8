import type { SessionAgent } from '../../agentstate/sessions';
import type { CommandOutcome } from '../../metrics';
import { ambiguousCard } from '../blocks';
import { type AgentLookup, leadingAgent } from '../commands/agent-words';
import type { CommandContext } from '../commands/context';
import type { SessionSlackDeps } from '../deps';
import type { AgentArg } from '../grammar';
import { sessionUsageCard } from './usage';
import { SESSION_ACTION } from './values';

export type OneSessionAgent = { ok: true; agent: SessionAgent } | { ok: false; outcome: CommandOutcome };

/**
 * How a real tenant looks agents up; commands/agent-words.ts reads the words around a name with it, by the
 * same rule as the tutorial's dialect.
 */
export function sessionLookup(ctx: CommandContext<SessionSlackDeps>): AgentLookup<SessionAgent> {
  return {
    resolve: (ref) => ctx.deps.sessions.resolveAgent(ref),
    ambiguousCard: (r) => ambiguousCard(r.query, r.candidates, r.total, false, SESSION_ACTION.refresh),
    usageCard: (problem) => sessionUsageCard(ctx.deps.sessions.capabilities, { problem }),
  };
}

/** The argument as exactly one agent of the tenant; otherwise answers with the candidates or "no such agent". */
export async function resolveOneSessionAgent(
  ctx: CommandContext<SessionSlackDeps>,
  arg: AgentArg,
): Promise<OneSessionAgent> {
  const found = await leadingAgent(ctx, sessionLookup(ctx), arg);
  return found.ok ? { ok: true, agent: found.agent } : found;
}
