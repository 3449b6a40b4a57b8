import type { Logger } from '../logger';
import { createAgentDirectory } from './agent-directory';
import { createCatalog } from './catalog';
import { coalesceReads } from './coalesce';
import type { UseCaseDeps } from './deps';
import { diagnose } from './diagnose';
import { logBackIn } from './floor/skill-bulk';
import { skillFloor } from './floor/skill-floor';
import { loginAndVerify } from './login-and-verify';
import { logout } from './logout';
import { type Clock, type CxonePort, systemClock } from './ports';
import { report } from './report';
import { resolveAndRemember, searchAll } from './resolve-agent';
import { createRoster } from './roster';
import { MAX_ROSTER } from './sessions/service';
import { switchSkill } from './switch-skill';
import { resolveTarget } from './target';
import type { AgentStateService } from './types';

export interface AgentStateServiceDeps {
  cxone: CxonePort;
  clock?: Clock;
  logger?: Logger;
  /** CXONE_DEFAULT_SKILL_ID and CXONE_DEFAULT_ACTIVITY. */
  defaults: { skillId?: string; activity: string };
  /** VERIFY_TIMEOUT_MS. */
  verifyTimeoutMs: number;
  /** How long skills, activities and state definitions are cached; 5 minutes unless told. */
  catalogTtlMs?: number;
}

/** Default number of agents `searchAgents` returns. */
export const DEFAULT_SEARCH_LIMIT = 50;

/** The one entry point the Slack app, the CLI and the sandbox call. */
export function createAgentStateService(input: AgentStateServiceDeps): AgentStateService {
  const clock = input.clock ?? systemClock;
  const cxone = coalesceReads(input.cxone);
  const catalog = createCatalog({
    cxone,
    clock,
    ...(input.catalogTtlMs !== undefined ? { ttlMs: input.catalogTtlMs } : {}),
    ...(input.logger ? { logger: input.logger } : {}),
  });
  const agents = createAgentDirectory(clock);

  const roster = createRoster({
    load: async () => (await searchAll(cxone, undefined, MAX_ROSTER)).matches,
    clock,
    ...(input.logger ? { logger: input.logger } : {}),
  });
  const deps: UseCaseDeps = {
    cxone,
    clock,
    catalog,
    agents,
    roster,
    defaults: input.defaults,
    verifyTimeoutMs: input.verifyTimeoutMs,
    ...(input.logger ? { logger: input.logger } : {}),
  };

  return {
    resolveAgent: (ref) => resolveAndRemember(deps, ref),
    report: (ref) => report(deps, ref),
    diagnose: (ref) => diagnose(deps, ref),
    resolveTarget: (agent, target) => resolveTarget(deps, agent, target),
    loginAndVerify: (agent, target, opts) => loginAndVerify(deps, agent, target, opts),
    logout: (agent, skill, opts) => logout(deps, agent, skill, opts),
    switchSkill: (agent, fromSkillId, target, opts) => switchSkill(deps, agent, fromSkillId, target, opts),
    listSkills: async () => [...(await catalog.skills())].sort((a, b) => a.name.localeCompare(b.name)),
    listActivities: () => catalog.activities(),
    searchAgents: async (search, limit = DEFAULT_SEARCH_LIMIT) => {
      const { matches, total } = await searchAll(deps.cxone, search?.trim() || undefined, limit);
      return { agents: matches, total };
    },
    floor: (skill, dropped) => skillFloor(deps, roster, skill, dropped),
    async logBackIn(fix, skillId, recorder, opts = {}) {
      const byId = new Map((await roster.all()).map((a) => [a.id.toLowerCase(), a]));
      return logBackIn(deps, {
        items: fix.agents,
        skillId,
        recorder,
        onProgress: opts.onProgress,
        agentOf: async (item) => {
          const known = byId.get(item.id.toLowerCase());
          if (known) return known;
          const found = await resolveAndRemember(deps, item.id);
          return found.kind === 'found' ? found.agent : undefined;
        },
      });
    },
  };
}
