import { z } from 'zod';
import { errorCard, isRetryable } from '../blocks/error-card';
import { refreshButton } from '../blocks/next-buttons';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { confirmLogout } from '../commands/logout';
import { changesPossible, requireStore } from '../commands/store-gate';
import { unwatch } from '../commands/unwatch';
import { watchAgent } from '../commands/watch';
import type { SlackDeps } from '../deps';
import { publishHome } from '../events/app-home-opened';
import { diagnosisCard, reportCard } from '../render-report';
import { fromDirectMessage } from '../responder';
import { type ButtonArgs, readClick } from './button';

/**
 * The buttons of a status card, an error card, the watch list and App Home (blocks/next-buttons.ts). They
 * re-enter the same flows as the slash command: Refresh reads again, Log out… shows the usual confirm card,
 * Watch and Unwatch are the watch flow. Each answer but Refresh comes beside the card it was asked from
 * (a new ephemeral message), so a refusal never replaces what the clicker was reading.
 */

const id = z.guid();
const agentValueSchema = z.object({ a: id });
const readValueSchema = z.union([agentValueSchema, z.object({ q: z.string().min(1).max(120) })]);
const unwatchValueSchema = z.object({ a: id, c: z.string().regex(/^[CG][A-Z0-9]+$/) });

function contextOf(
  deps: SlackDeps,
  click: { userId: string; respond: CommandContext['respond'] },
  channel: string,
) {
  return {
    deps,
    userId: click.userId,
    channelId: channel,
    respond: click.respond,
    log: deps.logger.child({ slackUserId: click.userId }),
  } satisfies CommandContext;
}

async function canChange(deps: SlackDeps, userId: string): Promise<boolean> {
  return (await deps.supervisors.authorise(userId)) === 'allowed';
}

/** Refresh (and Retry of a failed read): the status card again, in place of the one clicked. */
export function refreshClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, readValueSchema);
    if (!click) return;
    const ref = 'a' in click.value ? click.value.a : click.value.q;
    try {
      const result = await deps.service.report(ref);
      const shown = reportCard(result, new Date(deps.now()), {
        canChange: await canChange(deps, click.userId),
      });
      await args.respond({ ...shown.card, response_type: 'ephemeral', replace_original: true });
    } catch (err) {
      args.logger.warn({ err }, 'refresh failed');
      const retry = isRetryable(err) ? refreshButton(click.value) : undefined;
      await args.respond({
        ...errorCard(err, undefined, retry),
        response_type: 'ephemeral',
        replace_original: true,
      });
    }
  };
}

export function diagnoseClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    try {
      await click.respond(
        diagnosisCard(await deps.service.diagnose(click.value.a), new Date(deps.now())).card,
      );
    } catch (err) {
      await click.respond(errorCard(err));
    }
  };
}

/** "Log out…": the confirm card of `/agentstate logout`, nothing more; its own button logs out. */
export function askLogoutClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    const ctx = contextOf(deps, click, click.message?.channel ?? '');
    try {
      if ((await allowedToChange(ctx)) && (await changesPossible(ctx)))
        await confirmLogout(ctx, click.value.a);
    } catch (err) {
      await click.respond(errorCard(err));
    }
  };
}

/** "Watch": the watch flow, in the channel the card was shown in. */
export function watchHereClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    const ctx = contextOf(deps, click, click.message?.channel ?? '');
    try {
      if (!ctx.channelId || !(await allowedToChange(ctx, 'watch'))) return;
      const store = await requireStore(ctx, 'Watching agents', 'watch');
      if (!store) return;
      const found = await deps.service.resolveAgent(click.value.a);
      if (found.kind !== 'found') {
        await click.respond(reportCard(await deps.service.report(click.value.a), new Date(deps.now())).card);
        return;
      }
      await watchAgent(ctx, store, found.agent, ctx.channelId);
    } catch (err) {
      await click.respond(errorCard(err));
    }
  };
}

/**
 * "Unwatch" on `/agentstate watching` or App Home: the unwatch flow for that channel and agent. App Home
 * has no response_url, so its answers come as a direct message and the tab is published again.
 */
export function unwatchClicked(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const fromHome = (args.body.container as { type?: string } | undefined)?.type === 'view';
    const click = await readClick(
      fromHome ? { ...args, respond: undefined as never } : args,
      unwatchValueSchema,
    ).catch(() => undefined);
    if (!click) return;
    const respond = fromHome ? fromDirectMessage(deps.client, click.userId) : click.respond;
    const ctx = contextOf(deps, { userId: click.userId, respond }, click.value.c);
    try {
      await unwatch(ctx, {
        kind: 'unwatch',
        agent: { kind: 'ref', ref: click.value.a },
        words: [`<#${click.value.c}>`],
      });
    } catch (err) {
      await respond(errorCard(err));
    }
    if (fromHome) await publishHome(deps, click.userId);
  };
}
