import type { types } from '@slack/bolt';
import { type Activity, type Agent, displayName, type Skill } from '../../agentstate/model';
import type { LoginTarget } from '../../agentstate/types';
import { ACTION, BLOCK, SKILL_LOGIN_STATE, VIEW } from '../ids';
import { encode, type ModalMetadata } from '../payloads';
import { type Block, context, inputBlock, md, section } from './kit';

/**
 * The modal behind "Log agent in…" when the target is not obvious. Skill is an external_select because a
 * tenant can have hundreds of skills (static selects stop at 100 options); Slack asks the app's options
 * endpoint as the supervisor types. State definitions belong to a skill, so the state select defaults to
 * "the chosen skill's Logged In state" and only offers explicit ids when a failed login reported them.
 */

type Option = types.PlainTextOption;

export interface LoginModalInput {
  agent: Agent;
  metadata: ModalMetadata;
  target?: LoginTarget;
  activities: Activity[];
  /** Explicit state definitions of the target skill, [id, name]. */
  states?: Array<[string, string]>;
  /** Preselected state id (must be one of `states`). */
  stateId?: string;
}

function option(text: string, value: string): Option {
  return { text: { type: 'plain_text', text: text.slice(0, 75) }, value };
}

export function skillOption(skill: Skill): Option {
  return option(skill.isActive ? skill.name : `${skill.name} (inactive)`, skill.id);
}

/** Answer to Slack's options request for the skill select: matching skills, active first, max 100. */
export function skillOptions(skills: Skill[], query: string): { options: Option[] } {
  const q = query.trim().toLowerCase();
  const matches = skills
    .filter((s) => !q || s.name.toLowerCase().includes(q) || s.id.startsWith(q))
    .sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name));
  return { options: matches.slice(0, 100).map(skillOption) };
}

export function loginModal(input: LoginModalInput): types.ModalView {
  const { agent, target } = input;
  const stateOptions = [
    option("The skill's “Logged In” state (recommended)", SKILL_LOGIN_STATE),
    ...(input.states ?? []).map(([id, name]) => option(`${name} (${id.slice(0, 8)})`, id)),
  ];
  const initialState = stateOptions.find((o) => o.value === input.stateId) ?? stateOptions[0]!;
  const activityOptions = input.activities.slice(0, 100).map((a) => option(a.name, a.id));
  const initialActivity = activityOptions.find((o) => o.value === target?.activity.id);

  const skill: types.ExternalSelect = {
    type: 'external_select',
    action_id: ACTION.skillSelect,
    placeholder: { type: 'plain_text', text: 'Search skills' },
    min_query_length: 0,
    ...(target ? { initial_option: skillOption(target.skill) } : {}),
  };
  const state: types.StaticSelect = {
    type: 'static_select',
    action_id: ACTION.stateSelect,
    options: stateOptions,
    initial_option: initialState,
  };
  const activity: types.StaticSelect = {
    type: 'static_select',
    action_id: ACTION.activitySelect,
    placeholder: { type: 'plain_text', text: 'Pick an activity' },
    options: activityOptions,
    ...(initialActivity ? { initial_option: initialActivity } : {}),
  };
  return {
    type: 'modal',
    callback_id: VIEW.login,
    private_metadata: encode(input.metadata),
    title: { type: 'plain_text', text: 'Log agent in' },
    submit: { type: 'plain_text', text: 'Log in' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(md`Log *${displayName(agent)}* (\`${agent.id}\`) in to:`),
      inputBlock(BLOCK.skill, 'Skill', skill),
      inputBlock(BLOCK.state, 'State', state),
      inputBlock(BLOCK.activity, 'Activity', activity),
      ...(target?.note ? [context(md`Default: ${target.note}`)] : []),
    ],
  };
}

function simpleModal(title: string, blocks: Block[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${VIEW.login}.info`,
    title: { type: 'plain_text', text: title },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

/** Opened at once: a trigger_id is only valid for 3 s, reading skills and activities may take longer. */
export function loadingModal(): types.ModalView {
  return simpleModal('Log agent in', [section(md`:hourglass_flowing_sand: Loading skills and activities…`)]);
}

/** Replaces the loading view when the form cannot be built (agent gone, CXone error). */
export function messageModal(blocks: Block[]): types.ModalView {
  return simpleModal('Log agent in', blocks);
}
