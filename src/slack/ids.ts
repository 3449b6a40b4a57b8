/**
 * Action, view and block ids shared by the card builders and the listeners that handle them. Prefixed so
 * they cannot collide with another app's ids in the same workspace's payload logs.
 */
export const ACTION = {
  login: 'agentstate.login',
  openLoginModal: 'agentstate.open_login_modal',
  switchSkill: 'agentstate.switch_skill',
  logout: 'agentstate.logout',
  share: 'agentstate.share',
  pickAgent: 'agentstate.pick_agent',
  cancel: 'agentstate.cancel',
  floorRefresh: 'agentstate.floor_refresh',
  floorFix: 'agentstate.floor_fix',
  checkLogin: 'agentstate.check_login',
  refresh: 'agentstate.refresh',
  askLogout: 'agentstate.ask_logout',
  diagnose: 'agentstate.diagnose',
  watchHere: 'agentstate.watch_here',
  unwatch: 'agentstate.unwatch',
  retryRead: 'agentstate.retry_read',
  skillSelect: 'agentstate.skill_select',
  stateSelect: 'agentstate.state_select',
  activitySelect: 'agentstate.activity_select',
} as const;

export const VIEW = { login: 'agentstate.login_view' } as const;

export const BLOCK = {
  skill: 'skill',
  state: 'state',
  activity: 'activity',
  buttons: 'agentstate_buttons',
  share: 'agentstate_share',
  next: 'agentstate_next',
} as const;

/** Value of the state select meaning "the chosen skill's own Logged In state". */
export const SKILL_LOGIN_STATE = 'login';
