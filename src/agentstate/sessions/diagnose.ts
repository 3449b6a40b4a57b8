import {
  AuthError,
  type CxoneError,
  InvalidResponseError,
  isCxoneError,
  MissingScopeError,
  RateLimitedError,
} from '../../cxone/errors';
import { displayName, plural } from '../model';
import type { SessionAgent } from './model';
import { actionsFor, explain, explainInactive } from './report';
import { resolveSessionAgent } from './resolve';
import type {
  Capability,
  SessionCheck,
  SessionCheckId,
  SessionDeps,
  SessionDiagnosis,
  SessionVerdict,
} from './types';

const LABELS: Record<SessionCheckId, string> = {
  connection: 'CXone found (discovery)',
  token: 'Access key accepted (token)',
  agent_exists: 'Agent exists',
  agent_active: 'Agent is active',
  agent_visible: 'Agent visible to the API user',
  session: 'Agent is logged in',
  state: 'Agent is taking contacts',
};
const ORDER = Object.keys(LABELS) as SessionCheckId[];

/**
 * Every check that explains why an agent takes no contacts, in order: can we reach the tenant, is the
 * access key accepted, does the agent exist, is it active and visible, is it logged in, is it available.
 * The first failure decides the verdict; later checks are skipped.
 */
export async function diagnoseSession(
  deps: SessionDeps,
  capabilities: readonly Capability[],
  ref: string,
): Promise<SessionDiagnosis> {
  const checks = new Map<SessionCheckId, SessionCheck>();
  const record = (id: SessionCheckId, outcome: SessionCheck['outcome'], detail: string) =>
    checks.set(id, { id, label: LABELS[id], outcome, detail });
  const finish = (
    d: Omit<SessionDiagnosis, 'checks' | 'ref' | 'actions'> & { actions?: SessionDiagnosis['actions'] },
  ) => {
    for (const id of ORDER)
      if (!checks.has(id)) record(id, 'skipped', 'not checked: an earlier check failed');
    return { ref, actions: [], ...d, checks: ORDER.map((id) => checks.get(id) as SessionCheck) };
  };

  try {
    const conn = await deps.cxone.connection();
    record('connection', 'pass', `tenant ${conn.tenantId}, API ${conn.apiEndpoint} (${conn.apiVersion})`);
  } catch (err) {
    if (!isCxoneError(err)) throw err;
    record('connection', 'fail', err.message);
    return finish({
      verdict: 'discovery_failed',
      summary: 'CXone could not be found.',
      fix: err.remediation,
    });
  }
  try {
    await deps.cxone.tokenInfo();
    record('token', 'pass', 'a token was issued for the access key');
  } catch (err) {
    if (!isCxoneError(err)) throw err;
    record('token', 'fail', err.message);
    return finish(failure(err, 'token'));
  }

  let agent: SessionAgent;
  try {
    const found = await resolveSessionAgent(deps.cxone, ref);
    if (found.kind === 'ambiguous') {
      record('agent_exists', 'fail', `"${found.query}" matches ${found.total} agents`);
      return finish({
        verdict: 'ambiguous_agent',
        candidates: found.candidates,
        summary: `"${found.query}" matches ${found.total} agents.`,
        fix: 'Name the agent by id or email.',
      });
    }
    if (found.kind === 'not_found') {
      record('agent_exists', 'fail', `no agent matches "${found.query}"`);
      if (found.hidden) {
        record('agent_visible', 'warn', `${plural(found.hidden, 'agent')} hidden from the API user`);
        return finish({
          verdict: 'not_visible',
          summary: `No agent the API user can see matches "${found.query}"; ${plural(found.hidden, 'agent')} hidden from it.`,
          fix: "Give the API user's CXone role access to every team it should see (its security profile), or check the spelling.",
        });
      }
      return finish({
        verdict: 'agent_not_found',
        summary: `No agent matches "${found.query}".`,
        fix: 'Check the id, email or name; the agent may have been deleted.',
      });
    }
    agent = found.agent;
  } catch (err) {
    if (!isCxoneError(err)) throw err;
    record('agent_exists', 'fail', err.message);
    return finish(failure(err, 'agent'));
  }
  const name = displayName(agent);
  record('agent_exists', 'pass', `${name} (agent ${agent.id})`);
  if (!agent.isActive) {
    record('agent_active', 'fail', `${name} is deactivated`);
    return finish({ agent, verdict: 'agent_inactive', ...explainInactive(agent) });
  }
  record('agent_active', 'pass', 'active');

  let status: Awaited<ReturnType<SessionDeps['cxone']['getAgentState']>>;
  try {
    status = await deps.cxone.getAgentState(agent.id);
  } catch (err) {
    if (!isCxoneError(err)) throw err;
    record('agent_visible', 'fail', err.message);
    return finish({ agent, ...failure(err, 'state') });
  }
  record('agent_visible', 'pass', 'its state can be read');
  const why = explain(agent, status, capabilities);
  const actions = actionsFor(agent, status, capabilities);
  const base = { agent, status, actions };
  if (status.kind === 'logged_out') {
    record('session', 'fail', 'no CXone session');
    return finish({ ...base, verdict: 'logged_out', summary: why?.summary ?? '', fix: why?.fix ?? '' });
  }
  record('session', 'pass', status.station?.phone ? `session at ${status.station.phone}` : 'in a session');
  const verdicts: Record<typeof status.kind, SessionVerdict> = {
    available: 'taking_contacts',
    working: 'working',
    unavailable: 'unavailable',
    logged_in_no_state: 'no_state',
  };
  const verdict = verdicts[status.kind];
  if (verdict === 'taking_contacts' || verdict === 'working') {
    record('state', 'pass', verdict === 'working' ? 'on a contact' : 'available');
    return finish({
      ...base,
      verdict,
      summary:
        verdict === 'working' ? `${name} is on a contact.` : `${name} is available and taking contacts.`,
      fix: 'Nothing to fix.',
    });
  }
  record('state', 'warn', why?.summary ?? status.state);
  return finish({ ...base, verdict, summary: why?.summary ?? '', fix: why?.fix ?? '' });
}

/** A CXone failure at a step, as a verdict with the error's own remediation. */
function failure(err: CxoneError, step: 'token' | 'agent' | 'state') {
  const verdict: SessionVerdict =
    err instanceof AuthError
      ? 'auth_failed'
      : err instanceof MissingScopeError || err.status === 403
        ? 'permission_denied'
        : err instanceof RateLimitedError
          ? 'rate_limited'
          : err instanceof InvalidResponseError
            ? 'invalid_response'
            : 'cxone_unavailable';
  const what = {
    token: 'The access key was not accepted',
    agent: 'Agents could not be read',
    state: "The agent's state could not be read",
  }[step];
  return { verdict, summary: `${what}: ${err.message}`, fix: err.remediation };
}
