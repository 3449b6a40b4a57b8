import { InvalidInputError, isCxoneError, MissingScopeError } from '../cxone/errors';
import { parseAgentRef } from './agent-ref';
import { sameName, type UseCaseDeps } from './deps';
import { type Conclusion, DiagnosisBuilder } from './diagnosis-builder';
import { type Agent, type AgentState, displayName, type TokenInfo } from './model';
import { resolveAgent } from './resolve-agent';
import { resolveTarget } from './target';
import { type AgentRef, type Diagnosis, InvalidTargetError, type ResolvedState } from './types';

/** What the caller already knows, so a report that found no states does not fetch them again. */
export interface KnownAgent {
  agent: Agent;
  states: AgentState[];
}

/**
 * Why is the agent's state list empty? Runs the tutorial's checks in its order — credentials, scopes,
 * the agent, its states, the skills, a valid login target — and stops at the first decisive one. CXone
 * failures along the way are verdicts too (a 403 is not "logged out"), so this never throws for them.
 */
export async function diagnose(deps: UseCaseDeps, ref: AgentRef, known?: KnownAgent): Promise<Diagnosis> {
  parseAgentRef(ref); // a malformed reference is the caller's mistake, not a diagnosis
  const d = new DiagnosisBuilder(ref);
  const seen: { agent?: Agent } = {};
  try {
    return await runChecks(deps, d, ref, seen, known);
  } catch (err) {
    if (isCxoneError(err) && !(err instanceof InvalidInputError)) return d.fromError(err, seen.agent);
    throw err;
  }
}

const REQUIRED_SCOPES = ['Agent-Read', 'Agent-Write', 'Skills-Read'] as const;

async function runChecks(
  deps: UseCaseDeps,
  d: DiagnosisBuilder,
  ref: AgentRef,
  seen: { agent?: Agent },
  known?: KnownAgent,
): Promise<Diagnosis> {
  d.begin('token');
  const token = await deps.cxone.tokenInfo();
  // A duration rather than a clock time: every surface shows it as is, whatever the reader's time zone.
  const minutes = Math.max(0, Math.round((token.expiresAt - deps.clock.now()) / 60_000));
  d.pass(`token obtained, valid for ${minutes} more min`);

  d.begin('scopes');
  const missing = missingScopes(token);
  if (missing.includes('Agent-Read')) {
    d.fail(`missing Agent-Read (granted: ${token.scopes.join(', ') || 'none'})`);
    const fix = new MissingScopeError('missing scope', 'Agent-Read').remediation;
    const summary = 'The OAuth client lacks Agent-Read, so CXone refuses to show agent states (403).';
    return d.finish({ verdict: 'missing_scope', summary, fix });
  }
  const loginBlocker = missing.length > 0 ? `the OAuth client lacks ${missing.join(' and ')}` : undefined;
  if (loginBlocker) d.warn(`${loginBlocker}: states can be read, but the app cannot log the agent in`);
  else d.pass(`granted: ${REQUIRED_SCOPES.join(', ')}`);

  d.begin('agent_exists');
  const agentOrVerdict = await findAgent(deps, d, ref, known?.agent);
  if (!('id' in agentOrVerdict)) return d.finish(agentOrVerdict);
  const agent = agentOrVerdict;
  seen.agent = agent;

  d.begin('agent_active');
  if (!agent.isActive) {
    d.fail('the agent account is deactivated');
    const summary = `${displayName(agent)} is deactivated in CXone; a deactivated agent has no states and cannot log in.`;
    const fix = 'The agent account is deactivated in CXone; reactivate it in Admin > Users.';
    return d.finish({ verdict: 'agent_inactive', summary, fix, agent });
  }
  d.pass('the agent account is active');

  d.begin('states_present');
  const states = await deps.catalog.resolve(known?.states ?? (await deps.cxone.getAgentStates(agent.id)));
  if (states.length > 0) return loggedIn(d, agent, states);
  d.fail('GET /agents/{agentId}/states returned [] — the agent is not logged in to any skill');
  return whatWouldFixIt(deps, d, agent, missing, loginBlocker);
}

function missingScopes(token: TokenInfo): string[] {
  return REQUIRED_SCOPES.filter((scope) => !token.scopes.some((s) => sameName(s, scope)));
}

async function findAgent(
  deps: UseCaseDeps,
  d: DiagnosisBuilder,
  ref: AgentRef,
  known: Agent | undefined,
): Promise<Agent | Conclusion> {
  const found = known
    ? { kind: 'found' as const, agent: known }
    : await resolveAgent(deps.cxone, ref, deps.logger);
  if (found.kind === 'found') {
    d.pass(`${displayName(found.agent)} (${found.agent.email || found.agent.userName}, ${found.agent.id})`);
    return found.agent;
  }
  if (found.kind === 'not_found') {
    d.fail(`no agent matches "${found.query}"`);
    return {
      verdict: 'agent_not_found',
      summary: `No agent matches "${found.query}", so there are no states to show.`,
      fix: 'Check the id, email or name; list agents with `agentstate agents --search <name>` to find the right one.',
    };
  }
  d.fail(`"${found.query}" matches ${found.total} agents`);
  return {
    verdict: 'ambiguous_agent',
    summary: `"${found.query}" matches ${found.total} agents; pick one to see its states.`,
    fix: 'Use the agent id, email or exact user name of one of the candidates.',
    candidates: found.candidates,
  };
}

function loggedIn(d: DiagnosisBuilder, agent: Agent, states: ResolvedState[]): Diagnosis {
  const list = states.map((s) => `${s.skillName} (${s.stateName}, ${s.activityName})`).join('; ');
  d.pass(`${states.length} state(s): ${list}`);
  return d.finish({
    verdict: 'logged_in',
    summary: `${displayName(agent)} is logged in: ${list}.`,
    fix: 'Nothing to fix: the state list is not empty.',
    agent,
    states,
    skippedBecause: 'not needed: the agent is logged in',
  });
}

/** The list is empty because the agent is not logged in; can the app log it in, and where to? */
async function whatWouldFixIt(
  deps: UseCaseDeps,
  d: DiagnosisBuilder,
  agent: Agent,
  missing: string[],
  loginBlocker: string | undefined,
): Promise<Diagnosis> {
  const name = displayName(agent);
  const notLoggedIn = `${name} is not logged in to any skill, so GET .../states returns [].`;
  const grant = `Grant ${missing.join(' and ')} to the OAuth client in CXone Admin > Integrations > OAuth Clients`;
  if (missing.includes('Skills-Read')) {
    return d.finish({
      verdict: 'not_logged_in',
      summary: `${notLoggedIn} The skills cannot be listed (${loginBlocker}).`,
      fix: `${grant}, then log the agent in to a skill.`,
      agent,
      skippedBecause: 'skipped: listing skills needs the Skills-Read scope',
    });
  }

  d.begin('skills_available');
  const active = (await deps.catalog.skills()).filter((s) => s.isActive);
  if (active.length === 0) {
    d.fail('the tenant has no active skill');
    const fix =
      'Activate a skill (CXone Admin > ACD > Skills) and assign the agent to it, then log the agent in.';
    return d.finish({
      verdict: 'no_skills',
      summary: `${notLoggedIn} There is no active skill to log in to.`,
      fix,
      agent,
    });
  }
  d.pass(
    `${active.length} active skill(s): ${active
      .map((s) => s.name)
      .sort()
      .join(', ')}`,
  );

  d.begin('login_target_valid');
  try {
    const target = await resolveTarget(deps, agent);
    const how = target.note ? ` (${target.note})` : '';
    d.pass(`${target.skill.name}: state "${target.state.name}", activity "${target.activity.name}"${how}`);
    const fix = loginBlocker
      ? `${grant}, then log the agent in to ${target.skill.name}.`
      : `Log the agent in to ${target.skill.name} ("Log agent in", or agentstate login).`;
    const summary = `${notLoggedIn} A login to ${target.skill.name} would fix it${loginBlocker ? `, but ${loginBlocker}` : ''}.`;
    return d.finish({ verdict: 'not_logged_in', summary, fix, agent, canLogin: !loginBlocker, target });
  } catch (err) {
    if (!(err instanceof InvalidTargetError)) throw err;
    const valid = err.options.map((o) => o.name).join(', ') || 'none';
    d.fail(`${err.message}`);
    const summary = `${notLoggedIn} The default login target is not valid: ${err.message}`;
    const fix = `Pick a valid ${err.field} (${valid}), or fix the configured default.`;
    return d.finish({ verdict: 'invalid_target', summary, fix, agent });
  }
}
