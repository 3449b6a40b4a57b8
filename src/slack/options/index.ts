import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { ACTION } from '../ids';
import { skillSearch } from './skill-search';

export function register(app: App, deps: SlackDeps): void {
  app.options({ action_id: ACTION.skillSelect, type: 'block_suggestion' }, skillSearch(deps));
}
