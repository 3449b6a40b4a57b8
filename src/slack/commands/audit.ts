import { displayName } from '../../agentstate/model';
import { auditCard, storeDownCard } from '../blocks';
import type { Command } from '../grammar';
import { storeReason } from '../store-health';
import { resolveOne } from './agent-arg';
import { allowedToChange } from './authorise';
import type { SubcommandHandler } from './context';
import { requireStore } from './store-gate';

export const AUDIT_COMMAND_LIMIT = 20;

/** `/agentstate audit [agent]` (supervisors): the latest changes made through the app, newest first. */
export const audit: SubcommandHandler<Extract<Command, { kind: 'audit' }>> = async (ctx, cmd) => {
  if (!(await allowedToChange(ctx, 'audit'))) return 'refused';
  const store = await requireStore(ctx, 'The audit log', 'read');
  if (!store) return 'error';
  let agent: { id: string; name: string } | undefined;
  if (cmd.agent) {
    const found = await resolveOne(ctx, cmd.agent);
    if (!found.ok) return found.outcome;
    agent = { id: found.agent.id, name: displayName(found.agent) };
  }
  try {
    const entries = await ctx.deps.health.run(() =>
      store.audit.latest({ limit: AUDIT_COMMAND_LIMIT, ...(agent ? { agentId: agent.id } : {}) }),
    );
    await ctx.respond(auditCard(entries, agent));
    return 'ok';
  } catch (err) {
    await ctx.respond(storeDownCard(storeReason(err), 'read'));
    return 'error';
  }
};
