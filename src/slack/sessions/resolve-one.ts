import type { SessionAgent } from '../../agentstate/sessions';
import type { CommandOutcome } from '../../metrics';
import { ambiguousCard, notFoundCard } from '../blocks';
import { agentRef } from '../commands/agent-arg';
import type { CommandContext } from '../commands/context';
import type { SessionSlackDeps } from '../deps';
import type { AgentArg } from '../grammar';
import { SESSION_ACTION } from './values';

export type OneSessionAgent = { ok: true; agent: SessionAgent } | { ok: false; outcome: CommandOutcome };

/** The argument as exactly one agent of the tenant; otherwise answers with the candidates or "no such agent". */
export async function resolveOneSessionAgent(
  ctx: CommandContext<SessionSlackDeps>,
  arg: AgentArg,
): Promise<OneSessionAgent> {
  const ref = await agentRef(ctx, arg);
  if (!ref.ok) return ref;
  const found = await ctx.deps.sessions.resolveAgent(ref.ref);
  if (found.kind === 'found') return { ok: true, agent: found.agent };
  if (found.kind === 'ambiguous') {
    await ctx.respond(
      ambiguousCard(found.query, found.candidates, found.total, false, SESSION_ACTION.refresh),
    );
    return { ok: false, outcome: 'ok' };
  }
  await ctx.respond(notFoundCard(found.query, ref.mention ? { mention: ref.mention } : {}));
  return { ok: false, outcome: 'not_found' };
}
