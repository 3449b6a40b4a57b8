import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { VIEW } from '../ids';
import { loginSubmitted } from './login-submit';

export function register(app: App, deps: SlackDeps): void {
  app.view(VIEW.login, loginSubmitted(deps));
}
