import type { UseCaseDeps } from './deps';
import { sameId, sameName } from './deps';
import { type Activity, type Agent, LOGGED_IN_STATE_NAME, type Skill, type StateDefinition } from './model';
import { InvalidTargetError, type LoginTarget, type TargetChoice, type TargetInput } from './types';

type TargetDeps = Pick<UseCaseDeps, 'catalog' | 'defaults'>;

/**
 * Picks the skill, state and activity to post, the tutorial's Step 2: a login needs a concrete skill, that
 * skill's "Logged In" state and a known activity. Anything not given falls back to the configuration;
 * anything that does not exist is refused here, before a POST that CXone would accept and then never show.
 */
export async function resolveTarget(
  deps: TargetDeps,
  _agent: Agent,
  input: TargetInput = {},
): Promise<LoginTarget> {
  const { skill, chosenBy, ambiguous, note } = await chooseSkill(deps, input.skill);
  const state = await chooseState(deps, skill, input.stateId);
  const activity = await chooseActivity(deps, input.activity);
  return { skill, state, activity, chosenBy, ambiguous, ...(note ? { note } : {}) };
}

interface SkillChoice {
  skill: Skill;
  chosenBy: TargetChoice;
  ambiguous: boolean;
  note?: string;
}

async function chooseSkill(deps: TargetDeps, requested: string | undefined): Promise<SkillChoice> {
  const skills = await deps.catalog.skills();
  const active = skills.filter((s) => s.isActive).sort((a, b) => a.name.localeCompare(b.name));
  if (requested !== undefined) {
    const skill = skills.find((s) => sameId(s.id, requested) || sameName(s.name, requested));
    if (!skill?.isActive) throw unusableSkill(requested, skill, active, 'Skill');
    return { skill, chosenBy: 'explicit', ambiguous: false };
  }
  const configured = deps.defaults.skillId;
  if (configured !== undefined) {
    const skill = skills.find((s) => sameId(s.id, configured));
    if (!skill?.isActive) throw unusableSkill(configured, skill, active, 'CXONE_DEFAULT_SKILL_ID');
    return { skill, chosenBy: 'configured_default', ambiguous: false, note: 'the configured default skill' };
  }
  const [first] = active;
  if (!first)
    throw new InvalidTargetError(
      'skill',
      '',
      [],
      'There is no active skill to log in to; activate one in CXone Admin > ACD > Skills.',
    );
  if (active.length === 1)
    return { skill: first, chosenBy: 'only_active_skill', ambiguous: false, note: 'the only active skill' };
  return {
    skill: first,
    chosenBy: 'first_active_skill',
    ambiguous: true,
    note: `first of ${active.length} active skills — set CXONE_DEFAULT_SKILL_ID or pick one`,
  };
}

function unusableSkill(value: string, found: Skill | undefined, active: Skill[], source: string) {
  const choices = active.map((s) => s.name).join(', ') || 'none';
  const why = found ? `"${found.name}" is inactive` : `"${value}" is not a known skill`;
  return new InvalidTargetError(
    'skill',
    value,
    options(active),
    `${source}: ${why}. Active skills: ${choices}.`,
  );
}

async function chooseState(
  deps: TargetDeps,
  skill: Skill,
  requested: string | undefined,
): Promise<StateDefinition> {
  const states = await deps.catalog.skillStates(skill.id);
  if (requested !== undefined) {
    const state = states.find((s) => sameId(s.id, requested));
    if (state) return state;
    throw new InvalidTargetError(
      'state',
      requested,
      options(states),
      `State ${requested} is not a state of skill "${skill.name}". Its states: ${names(states)}.`,
    );
  }
  const loggedIn = states.find((s) => sameName(s.name, LOGGED_IN_STATE_NAME));
  if (loggedIn) return loggedIn;
  throw new InvalidTargetError(
    'state',
    LOGGED_IN_STATE_NAME,
    options(states),
    `Skill "${skill.name}" has no "${LOGGED_IN_STATE_NAME}" state to log in with. Its states: ${names(states)}.`,
  );
}

async function chooseActivity(deps: TargetDeps, requested: string | undefined): Promise<Activity> {
  const activities = await deps.catalog.activities();
  const wanted = requested ?? deps.defaults.activity;
  const activity = activities.find((a) => sameId(a.id, wanted) || sameName(a.name, wanted));
  if (activity) return activity;
  const source = requested === undefined ? 'CXONE_DEFAULT_ACTIVITY: ' : '';
  throw new InvalidTargetError(
    'activity',
    wanted,
    options(activities),
    `${source}"${wanted}" is not a known activity. Activities: ${names(activities)}.`,
  );
}

function options(list: Array<{ id: string; name: string }>): Array<{ id: string; name: string }> {
  return list.map(({ id, name }) => ({ id, name }));
}

function names(list: Array<{ name: string }>): string {
  return list.map((x) => x.name).join(', ') || 'none';
}
