import { z } from 'zod';
import { type Agent, displayName } from '../agentstate/model';
import type { LoginOutcome, LoginProgress, LogoutOutcome, TargetInput } from '../agentstate/types';
import type { MessageRef } from './actions/button';
import { errorCard, loginResultCard, logoutResultCard, withShareButton } from './blocks';
import { retryChangeButton } from './blocks/next-buttons';
import { progressView } from './blocks/progress-card';
import { loginShare, logoutShare } from './blocks/share';
import type { SlackDeps } from './deps';
import type { Responder } from './responder';
import { type ChangeSummary, runChange } from './run-change';

/** The three state changes the app offers, each as a `runChange` spec around one use case. */

export interface ChangeRequest {
  agentId: string;
  userId: string;
  respond: Responder;
  /** The message showing progress and result, for whoever finishes the operation after a crash. */
  message?: MessageRef;
}

/** What the operation records: the target as requested (see agentstate/recovery.ts) and the message. */
function details(req: ChangeRequest, target: object) {
  return { target, ...(req.message ? { message: req.message } : {}) };
}

/** How the v2 changes find their agent and show their progress. */
function v2Agents(deps: SlackDeps, req: ChangeRequest, action: 'login' | 'logout' | 'switch') {
  return {
    resolve: (agentId: string) => deps.service.resolveAgent(agentId),
    renderProgress: progressView(action, req.userId),
  };
}

export function summariseLogin(outcome: LoginOutcome): ChangeSummary {
  switch (outcome.kind) {
    case 'verified':
      return { outcome: 'verified', skill: outcome.state.skillName, verifyMs: outcome.verifyMs };
    case 'already_logged_in':
      return { outcome: 'already_logged_in', skill: outcome.state.skillName };
    case 'conflict':
      return {
        outcome: 'conflict',
        skill: outcome.target.skill.name,
        detail: outcome.conflictingSkill ? `conflicts with ${outcome.conflictingSkill.name}` : undefined,
      };
    case 'not_visible':
      return {
        outcome: 'not_visible',
        skill: outcome.target.skill.name,
        verifyMs: outcome.verifyMs,
        detail: outcome.explanation,
      };
  }
}

function summariseLogout(outcome: LogoutOutcome): ChangeSummary {
  const skills = (removed: { skillName: string }[]) =>
    removed.map((s) => s.skillName).join(', ') || undefined;
  switch (outcome.kind) {
    case 'logged_out':
      return { outcome: 'logged_out', skill: skills(outcome.removed), verifyMs: outcome.verifyMs };
    case 'not_logged_in':
      return { outcome: 'not_logged_in', skill: outcome.skillName };
    case 'not_confirmed':
      return { outcome: 'not_confirmed', skill: skills(outcome.removed), detail: outcome.explanation };
  }
}

/** The skill names a change learns as it goes, for a Retry that names them (its value holds only ids). */
function namesSeen() {
  const names: { skill?: string; from?: string } = {};
  const watch = <O extends { onProgress: (e: LoginProgress) => void }>(opts: O): O => ({
    ...opts,
    onProgress: (e: LoginProgress) => {
      if (e.type === 'posting') names.skill = e.target.skill.name;
      if (e.type === 'logging_out') names.from = e.skillName;
      opts.onProgress(e);
    },
  });
  return { names, watch };
}

const isGuid = (s: string) => z.guid().safeParse(s).success;

const who = (agent: Agent) => ({ id: agent.id, name: displayName(agent) });

export function runLogin(deps: SlackDeps, req: ChangeRequest, target: TargetInput): Promise<void> {
  const seen = namesSeen();
  return runChange(deps, {
    ...req,
    action: 'login',
    ...v2Agents(deps, req, 'login'),
    operation: details(req, target),
    execute: (agent, opts) => deps.service.loginAndVerify(agent, target, seen.watch(opts)),
    // Results stay ephemeral like every reply; Share posts a summary written again from the ids.
    render: (outcome) => withShareButton(loginResultCard(outcome, req.userId), loginShare(outcome)),
    summarise: summariseLogin,
    renderError: (err, agent) =>
      errorCard(err, undefined, retryChangeButton('login', who(agent), target, seen.names)),
  });
}

export function runSwitch(
  deps: SlackDeps,
  req: ChangeRequest,
  fromSkillId: string,
  target: TargetInput,
): Promise<void> {
  let fromName = fromSkillId;
  const seen = namesSeen();
  return runChange(deps, {
    ...req,
    action: 'switch',
    ...v2Agents(deps, req, 'switch'),
    operation: details(req, { ...target, from: fromSkillId }),
    execute: (agent, opts) =>
      deps.service.switchSkill(agent, fromSkillId, target, {
        ...seen.watch(opts),
        // The use case names the skill it leaves; the audit says where from.
        onProgress: (e) => {
          if (e.type === 'logging_out') fromName = e.skillName;
          seen.watch(opts).onProgress(e);
        },
      }),
    render: (outcome) => withShareButton(loginResultCard(outcome, req.userId), loginShare(outcome)),
    summarise: (outcome) => ({ ...summariseLogin(outcome), from: fromName }),
    renderError: (err, agent) =>
      errorCard(
        err,
        undefined,
        retryChangeButton('switch', who(agent), { ...target, from: fromSkillId }, seen.names),
      ),
  });
}

export function runLogout(deps: SlackDeps, req: ChangeRequest, skill: string | undefined): Promise<void> {
  const seen = namesSeen();
  return runChange(deps, {
    ...req,
    action: 'logout',
    ...v2Agents(deps, req, 'logout'),
    operation: details(req, skill ? { skill } : {}),
    execute: (agent, opts) => deps.service.logout(agent, skill, seen.watch(opts)),
    render: (outcome) => withShareButton(logoutResultCard(outcome, req.userId), logoutShare(outcome)),
    summarise: summariseLogout,
    renderError: (err, agent) =>
      errorCard(
        err,
        undefined,
        // The confirm card passes the skill's real name; an id typed by hand is not shown to people.
        retryChangeButton('logout', who(agent), skill ? { skill } : {}, {
          ...(skill && !isGuid(skill) ? { skill } : {}),
        }),
      ),
  });
}
