import type { App } from '@slack/bolt';
import type { SessionSlackDeps } from '../deps';
import { registerSessionActions } from './actions';
import { sessionCommand } from './commands';
import { registerSessionHome } from './home';

/**
 * The Slack surface for a real tenant (the incontact dialect): `/agentstate` and the session cards'
 * buttons. The app registers this instead of the tutorial dialect's commands and actions.
 */
export function registerSessionSurface(app: App, deps: SessionSlackDeps): void {
  app.command('/agentstate', sessionCommand(deps));
  registerSessionActions(app, deps);
  registerSessionHome(app, deps);
}
