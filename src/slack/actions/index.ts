import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { ACTION } from '../ids';
import { cancelClicked } from './cancel';
import { loginClicked } from './login';
import { logoutClicked } from './logout';
import { openLoginModalClicked } from './open-login-modal';
import { pickAgentClicked } from './pick-agent';
import { shareClicked } from './share';
import { switchClicked } from './switch-skill';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION.login, loginClicked(deps));
  app.action<BlockButtonAction>(ACTION.switchSkill, switchClicked(deps));
  app.action<BlockButtonAction>(ACTION.logout, logoutClicked(deps));
  app.action<BlockButtonAction>(ACTION.openLoginModal, openLoginModalClicked(deps));
  app.action<BlockButtonAction>(ACTION.pickAgent, pickAgentClicked(deps));
  app.action<BlockButtonAction>(ACTION.share, shareClicked(deps));
  app.action<BlockButtonAction>(ACTION.cancel, cancelClicked);
}
