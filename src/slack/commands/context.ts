import type { Logger } from '../../logger';
import type { CommandOutcome } from '../../metrics';
import type { BaseSlackDeps, SlackDeps } from '../deps';
import type { Responder } from '../responder';

/** What every subcommand handler gets; it answers through `respond` and returns an outcome for metrics. */
export interface CommandContext<D extends BaseSlackDeps = SlackDeps> {
  deps: D;
  userId: string;
  channelId: string;
  respond: Responder;
  log: Logger;
}

export type SubcommandHandler<C, D extends BaseSlackDeps = SlackDeps> = (
  ctx: CommandContext<D>,
  command: C,
) => Promise<CommandOutcome>;
