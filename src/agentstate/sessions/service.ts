import { createAgentDirectory } from '../agent-directory';
import { runBulk } from '../floor/bulk';
import { sessionFloor } from '../floor/session-floor';
import { createRoster } from '../roster';
import { awaitLogin } from './await-login';
import { forceLogout, login, makeAvailable, makeUnavailable, planAvailable, planLogin } from './change';
import { diagnoseSession } from './diagnose';
import { sessionHistory } from './history';
import type { SessionAgent } from './model';
import { reasonChoices } from './reasons';
import { sessionReport } from './report';
import { resolveSessionAgent, searchAll } from './resolve';
import { resumeSessionOperation } from './resume';
import type { Capability, SessionDeps, SessionService } from './types';

/** A tenant larger than this is not held in memory as a roster; the floor shows the first this many. */
export const MAX_ROSTER = 20_000;

/** The changes the session model can make; starting a session as the agent only with impersonation. */
export function sessionCapabilities(impersonation: boolean): Capability[] {
  const base: Capability[] = ['make_available', 'make_unavailable', 'force_logout'];
  return impersonation ? [...base, 'start_session'] : base;
}

/** The session-model use cases (the incontact dialect) behind one service the surfaces call. */
export function createSessionService(input: SessionDeps): SessionService {
  const deps: SessionDeps = {
    ...input,
    recent: input.recent ?? createAgentDirectory<SessionAgent>(input.clock),
  };
  const capabilities = Object.freeze(sessionCapabilities(deps.impersonation));
  const roster =
    deps.roster ??
    createRoster({
      load: async () => (await searchAll(deps.cxone, undefined, MAX_ROSTER)).agents,
      clock: deps.clock,
      logger: deps.logger,
    });
  const floorDeps = { cxone: deps.cxone, roster, capabilities, now: () => new Date(deps.clock.now()) };
  return {
    capabilities,
    resolveAgent: (ref) => resolveSessionAgent(deps.cxone, ref),
    report: (ref) => sessionReport(deps, capabilities, ref),
    diagnose: (ref) => diagnoseSession(deps, capabilities, ref),
    history: (agent, now) => sessionHistory(deps, agent, now),
    reasons: async (agent) => ({ agent, reasons: await reasonChoices(deps, agent) }),
    skills: (agent) => deps.cxone.getAgentSkills(agent.id),
    listSkills: () => deps.cxone.listSkills(),
    makeAvailable: (agent, opts) => makeAvailable(deps, agent, opts),
    makeUnavailable: (agent, reason, opts) => makeUnavailable(deps, agent, reason, opts),
    logout: (agent, opts) => forceLogout(deps, agent, opts),
    login: (agent, opts) => login(deps, agent, opts),
    searchAgents: (search, limit = 50) => searchAll(deps.cxone, search, limit),
    awaitLogin: (agent, opts) => awaitLogin(deps, agent, opts),
    resume: (op) => resumeSessionOperation(deps, op),
    floor: (team) => sessionFloor(floorDeps, team),
    async fixFloor(fix, recorder, opts = {}) {
      if (fix.id !== 'make_available' && fix.id !== 'log_in_logged_out')
        throw new Error(`${fix.label}: only the Slack app can ask agents to log in`);
      const byId = new Map((await roster.all()).map((a) => [a.id, a]));
      return runBulk({
        deps,
        items: fix.agents,
        action: fix.id === 'make_available' ? 'available' : 'login',
        recorder,
        onProgress: opts.onProgress,
        agentOf: async (item) => byId.get(item.id) ?? (await deps.cxone.getAgent(item.id)),
        plan: async (agent, status) =>
          fix.id === 'make_available'
            ? planAvailable(deps, agent, status, 'available')
            : planLogin(deps, agent, status),
      });
    },
  };
}
