import { type BaseSimulatorControl, controlCaller, createBaseControl } from '../control';
import type { AgentStateName, IncontactRuntimeConfig, IncontactSettings } from './types';

/** An agent state as `GET /agents/{id}/states` shows it (the fields tests read most). */
export interface WireAgentState {
  agentId: number;
  agentStateId: number;
  agentStateName: AgentStateName;
  startDate: string;
  outStateId: number | null;
  outStateDescription: string | null;
  contactId: number | null;
  skillId: number;
  stationId: number | null;
  [field: string]: unknown;
}

export interface IncontactSimulatorControl
  extends BaseSimulatorControl<IncontactSettings, IncontactRuntimeConfig> {
  /**
   * The agent is in this state from now on, visible at once (a logged-out agent gets a session on its last
   * station; LoggedOut ends it). `reason` names an unavailable code of the agent's team.
   */
  setAgentState(
    agentId: number | string,
    state: { state: AgentStateName; reason?: string; outStateId?: number; skillId?: number },
  ): Promise<WireAgentState>;
  /** The agent logs in on its last station, as it would itself: visible after the propagation delay. */
  agentLogsIn(agentId: number | string): Promise<{ sessionId: string; stationId: number }>;
  /** The agent ends its own session (a contact it is on is dropped), after the propagation delay. */
  agentLogsOut(agentId: number | string): Promise<void>;
}

/** Typed client for the incontact simulator's /__sim/ endpoints, for tests, the sandbox and benchmarks. */
export function createIncontactControl(baseUrl: string): IncontactSimulatorControl {
  const call = controlCaller(baseUrl);
  const agentPath = (agentId: number | string) => `/agents/${encodeURIComponent(String(agentId))}`;
  return {
    ...createBaseControl<IncontactSettings, IncontactRuntimeConfig>(call),
    setAgentState: async (agentId, state) =>
      (await call<{ agentState: WireAgentState }>('PUT', `${agentPath(agentId)}/state`, state)).agentState,
    agentLogsIn: (agentId) => call('POST', `${agentPath(agentId)}/login`),
    agentLogsOut: (agentId) => call('POST', `${agentPath(agentId)}/logout`),
  };
}
