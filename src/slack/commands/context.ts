import type { Logger } from '../../logger';
import type { CommandOutcome } from '../../metrics';
import type { SlackDeps } from '../deps';
import type { Responder } from '../responder';

/** What every subcommand handler gets; it answers through `respond` and returns an outcome for metrics. */
export interface CommandContext {
  deps: SlackDeps;
  userId: string;
  channelId: string;
  respond: Responder;
  log: Logger;
}

export type SubcommandHandler<C> = (ctx: CommandContext, command: C) => Promise<CommandOutcome>;
