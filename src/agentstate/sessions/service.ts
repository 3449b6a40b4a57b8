import { forceLogout, login, makeAvailable, makeUnavailable } from './change';
import { diagnoseSession } from './diagnose';
import { sessionHistory } from './history';
import { reasonChoices } from './reasons';
import { sessionReport } from './report';
import { resolveSessionAgent, searchAll } from './resolve';
import type { Capability, SessionDeps, SessionService } from './types';

/** The changes the session model can make; starting a session as the agent only with impersonation. */
export function sessionCapabilities(impersonation: boolean): Capability[] {
  const base: Capability[] = ['make_available', 'make_unavailable', 'force_logout'];
  return impersonation ? [...base, 'start_session'] : base;
}

/** The session-model use cases (the incontact dialect) behind one service the surfaces call. */
export function createSessionService(deps: SessionDeps): SessionService {
  const capabilities = Object.freeze(sessionCapabilities(deps.impersonation));
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
  };
}
