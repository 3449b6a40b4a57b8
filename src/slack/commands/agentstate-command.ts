import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { InvalidTargetError } from '../../agentstate/types';
import { InvalidInputError } from '../../cxone/errors';
import type { CommandOutcome } from '../../metrics';
import { errorCard } from '../blocks';
import type { SlackDeps } from '../deps';
import { type ParseResult, parseCommand } from '../grammar';
import { fromBoltRespond } from '../responder';
import { audit } from './audit';
import type { CommandContext } from './context';
import { diagnose } from './diagnose';
import { floor } from './floor';
import { help, usage } from './help';
import { login } from './login';
import { logout } from './logout';
import { skills } from './skills';
import { status } from './status';
import { unwatch } from './unwatch';
import { v2History } from './v2-history';
import { watch } from './watch';
import { watching } from './watching';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const isInputError = (err: unknown) => err instanceof InvalidTargetError || err instanceof InvalidInputError;

function dispatch(ctx: CommandContext, parsed: ParseResult): Promise<CommandOutcome> {
  switch (parsed.kind) {
    case 'help':
      return help(ctx, parsed);
    case 'usage':
      return usage(ctx, parsed);
    case 'status':
      return status(ctx, parsed);
    case 'history':
      return v2History(ctx, parsed);
    case 'floor':
      return floor(ctx, parsed);
    case 'available':
    case 'unavailable':
      return usage(ctx, {
        kind: 'usage',
        problem: `\`${parsed.kind}\` is not supported by this CXone API: the tutorial's API has no agent sessions or states with reasons. It works when the app is connected to a NICE CXone tenant.`,
      });
    case 'diagnose':
      return diagnose(ctx, parsed);
    case 'login':
      return login(ctx, parsed);
    case 'logout':
      return logout(ctx, parsed);
    case 'skills':
      return skills(ctx, parsed);
    case 'watch':
      return watch(ctx, parsed);
    case 'unwatch':
      return unwatch(ctx, parsed);
    case 'watching':
      return watching(ctx, parsed);
    case 'audit':
      return audit(ctx, parsed);
  }
}

/**
 * `/agentstate`: ack at once with an empty body (Slack's 3-second deadline; nothing shows yet), then
 * parse, run one use case and answer through the response_url. Every failure becomes an error card.
 */
export function agentstateCommand(deps: SlackDeps) {
  return async ({ ack, command, respond }: Args): Promise<void> => {
    await ack();
    const parsed = parseCommand(command.text);
    const log = deps.logger.child({ slackUserId: command.user_id, subcommand: parsed.kind });
    const ctx: CommandContext = {
      deps,
      userId: command.user_id,
      channelId: command.channel_id,
      respond: fromBoltRespond(respond),
      log,
    };
    let outcome: CommandOutcome;
    try {
      outcome = await dispatch(ctx, parsed);
    } catch (err) {
      outcome = isInputError(err) ? 'usage' : 'error';
      // A typo is the member's to fix (the card says how), not the operator's: one line, no stack.
      if (outcome === 'usage') log.info({ reason: (err as Error).message }, 'command refused: invalid input');
      else log.warn({ err }, 'command failed');
      await ctx.respond(errorCard(err)).catch((e) => log.error({ err: e }, 'could not send the error card'));
    }
    deps.metrics.countCommand(parsed.kind, outcome);
  };
}
