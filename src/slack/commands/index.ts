import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { agentstateCommand } from './agentstate-command';

export function register(app: App, deps: SlackDeps): void {
  app.command('/agentstate', agentstateCommand(deps));
}
