import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { VIEW } from '../ids';
import { createSeenRequests, oncePerSubmission } from '../replays';
import { loginSubmitted } from './login-submit';

export function register(app: App, deps: SlackDeps): void {
  app.view(VIEW.login, oncePerSubmission(createSeenRequests(deps.now), deps.logger), loginSubmitted(deps));
}
