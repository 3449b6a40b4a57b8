import type { Agent } from '../../agentstate/model';
import { errorCard } from '../blocks';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { confirmLogin } from '../commands/login';
import { confirmLogout } from '../commands/logout';
import { changesPossible, requireStore } from '../commands/store-gate';
import { historyOf } from '../commands/v2-history';
import { watchAgent } from '../commands/watch';
import type { SlackDeps } from '../deps';
import { type PickAgentValue, pickAgentValueSchema } from '../payloads';
import { diagnosisCard, reportCard } from '../render-report';
import { type ButtonArgs, readClick } from './button';

/**
 * A candidate of an ambiguous name, picked: the command that was typed goes on for that agent (a login
 * to the skill typed, a watch in the channel named, …) in place of the list; a plain pick shows its card.
 * A change is checked again here (the clicker may not be the one who typed it).
 */
export function pickAgentClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, pickAgentValueSchema);
    if (!click) return;
    const ctx: CommandContext = {
      deps,
      userId: click.userId,
      channelId: click.message?.channel ?? '',
      respond: (card) => click.respond(card, { replace: true }),
      log: deps.logger.child({ slackUserId: click.userId, agentId: click.value.a }),
    };
    try {
      await continueWith(ctx, click.value);
    } catch (err) {
      args.logger.warn({ err }, 'could not continue with the picked agent');
      await ctx.respond(errorCard(err));
    }
  };
}

async function continueWith(ctx: CommandContext, v: PickAgentValue): Promise<void> {
  const { deps } = ctx;
  const now = new Date(deps.now());
  switch (v.c) {
    case undefined:
      if (!v.d) return ctx.respond(reportCard(await deps.service.report(v.a), now).card);
      return ctx.respond(diagnosisCard(await deps.service.diagnose(v.a), now).card);
    case 'diagnose':
      return ctx.respond(diagnosisCard(await deps.service.diagnose(v.a), now).card);
    case 'logout':
      if ((await allowedToChange(ctx)) && (await changesPossible(ctx))) await confirmLogout(ctx, v.a, v.x);
      return;
    case 'login': {
      if (!(await allowedToChange(ctx)) || !(await changesPossible(ctx))) return;
      const agent = await agentOf(ctx, v.a);
      if (agent) await confirmLogin(ctx, agent, v.x);
      return;
    }
    case 'watch': {
      if (!(await allowedToChange(ctx, 'watch'))) return;
      const store = await requireStore(ctx, 'Watching agents', 'watch');
      const agent = store && (await agentOf(ctx, v.a));
      if (store && agent) await watchAgent(ctx, store, agent, v.x ?? ctx.channelId);
      return;
    }
    case 'history': {
      const agent = await agentOf(ctx, v.a);
      if (agent) await historyOf(ctx, agent);
      return;
    }
  }
}

/** The picked agent by its id; gone since the list was shown, the status card says so. */
async function agentOf(ctx: CommandContext, id: string): Promise<Agent | undefined> {
  const r = await ctx.deps.service.resolveAgent(id);
  if (r.kind === 'found') return r.agent;
  await ctx.respond(reportCard(await ctx.deps.service.report(id), new Date(ctx.deps.now())).card);
  return undefined;
}
