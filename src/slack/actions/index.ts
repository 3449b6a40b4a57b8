import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { ACTION } from '../ids';
import { createSeenRequests, oncePerClick } from '../replays';
import { cancelClicked } from './cancel';
import { checkLoginClicked } from './check-login';
import { floorFixClicked, floorRefreshClicked } from './floor';
import { loginClicked } from './login';
import { logoutClicked } from './logout';
import {
  askLogoutClicked,
  diagnoseClicked,
  refreshClicked,
  unwatchClicked,
  watchHereClicked,
} from './next-steps';
import { openLoginModalClicked } from './open-login-modal';
import { pickAgentClicked } from './pick-agent';
import { shareClicked } from './share';
import { switchClicked } from './switch-skill';

export function register(app: App, deps: SlackDeps): void {
  // The buttons that change an agent's state act once per click, whatever arrives again (replays.ts).
  const once = oncePerClick(createSeenRequests(deps.now), deps.logger);
  app.action<BlockButtonAction>(ACTION.login, once, loginClicked(deps));
  app.action<BlockButtonAction>(ACTION.switchSkill, once, switchClicked(deps));
  app.action<BlockButtonAction>(ACTION.logout, once, logoutClicked(deps));
  app.action<BlockButtonAction>(ACTION.openLoginModal, openLoginModalClicked(deps));
  app.action<BlockButtonAction>(ACTION.pickAgent, pickAgentClicked(deps));
  app.action<BlockButtonAction>(ACTION.share, shareClicked(deps));
  app.action<BlockButtonAction>(ACTION.cancel, cancelClicked);
  app.action<BlockButtonAction>(ACTION.floorRefresh, floorRefreshClicked(deps));
  app.action<BlockButtonAction>(ACTION.floorFix, once, floorFixClicked(deps));
  app.action<BlockButtonAction>(ACTION.checkLogin, checkLoginClicked(deps));
  // Watch and Unwatch change what the channel is told, not an agent's state: they act once per click too.
  app.action<BlockButtonAction>(ACTION.watchHere, once, watchHereClicked(deps));
  app.action<BlockButtonAction>(ACTION.unwatch, once, unwatchClicked(deps));
  app.action<BlockButtonAction>(ACTION.askLogout, askLogoutClicked(deps));
  app.action<BlockButtonAction>(ACTION.refresh, refreshClicked(deps));
  app.action<BlockButtonAction>(ACTION.diagnose, diagnoseClicked(deps));
}
