import { createAgentStateService } from '../../src/agentstate';
import type { AgentStateService } from '../../src/agentstate/types';
import { type CxoneClient, createCxoneClient } from '../../src/cxone';
import type { RetryPolicy } from '../../src/cxone/retry';
import { defaultRetryPolicy } from '../../src/cxone/retry';
import { createLogger } from '../../src/logger';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator';
import { createSimulatorControl, type SimulatorControl } from '../../src/simulator/control';
import type { SimAgent } from '../../src/simulator/types';

/** Real retries, with short waits so a suite of failure scenarios stays quick. */
export const fastRetry: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 10, maxDelayMs: 50 };

export interface Stack {
  sim: RunningSimulator;
  control: SimulatorControl;
  cxone: CxoneClient;
  service: AgentStateService;
  close(): Promise<void>;
}

export interface StackOptions {
  sim?: SimulatorOptions;
  client?: { clientId: string; clientSecret: string };
  verifyTimeoutMs?: number;
  defaultSkillId?: string;
}

/** The simulator over real HTTP, the real CXone client and the real use cases: what the app runs. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSimulator({ port: 0, propagationDelayMs: 0, ...opts.sim });
  const logger = createLogger({ level: 'silent' });
  const cxone = createCxoneClient({
    baseUrl: sim.url,
    ...(opts.client ?? sim.demo),
    logger,
    retry: fastRetry,
  });
  const service = createAgentStateService({
    cxone,
    logger,
    defaults: { skillId: opts.defaultSkillId, activity: 'Available' },
    verifyTimeoutMs: opts.verifyTimeoutMs ?? 15_000,
  });
  return {
    sim,
    control: createSimulatorControl(sim.url),
    cxone,
    service,
    async close() {
      cxone.close();
      await sim.close();
    },
  };
}

/** Active agents with no state at all: the "empty array" case. */
export function loggedOutAgents(sim: RunningSimulator): SimAgent[] {
  return sim.tenant.agents.filter((a) => a.isActive && sim.tenant.visibleStates(a.id).length === 0);
}

export function skillId(sim: RunningSimulator, name: string): string {
  const skill = sim.tenant.skillByName(name);
  if (!skill) throw new Error(`no skill named ${name} in the simulator`);
  return skill.id;
}
