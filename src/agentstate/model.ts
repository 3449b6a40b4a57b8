import { z } from 'zod';

/**
 * The domain entities, as zod schemas so the types are derived once (`z.infer`). The CXone adapter
 * validates wire responses against envelopes built from these; the use cases only see the results.
 * Unknown extra fields are accepted and dropped; a missing required field is an InvalidResponseError.
 */

/** CXone ids are UUIDs; `z.guid()` accepts any 8-4-4-4-12 hex form (the tutorial's all-zero ids too). */
export const idSchema = z.guid();

export const agentSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  userName: z.string(),
  isActive: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentStateSchema = z.object({
  agentId: idSchema,
  stateId: idSchema,
  skillId: idSchema,
  loginTime: z.iso.datetime({ offset: true }),
  activityId: idSchema,
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const skillSchema = z.object({ id: idSchema, name: z.string(), isActive: z.boolean() });
export type Skill = z.infer<typeof skillSchema>;

export const stateDefinitionSchema = z.object({ id: idSchema, name: z.string() });
export type StateDefinition = z.infer<typeof stateDefinitionSchema>;

export const activitySchema = z.object({ id: idSchema, name: z.string() });
export type Activity = z.infer<typeof activitySchema>;

/** The state definition that logs an agent in to its skill is the one with this name. */
export const LOGGED_IN_STATE_NAME = 'Logged In';

export interface AgentPage {
  entities: Agent[];
  page: number;
  pageSize: number;
  total: number;
}

export interface BulkStates {
  states: AgentState[];
  /** Agents that now have no state at all (only meaningful with `updatedSince`). */
  removed: string[];
  /** Pass as the next `updatedSince`. */
  lastPollTime: string;
}

export interface LoginRequest {
  skillId: string;
  stateId: string;
  activityId: string;
}

export interface TokenInfo {
  /** Scopes granted to the client, from the token response (e.g. Agent-Read, Agent-Write, Skills-Read). */
  scopes: string[];
  /** Epoch ms at which the cached token stops being used. */
  expiresAt: number;
}

export function displayName(agent: Pick<Agent, 'firstName' | 'lastName' | 'userName'>): string {
  const full = `${agent.firstName} ${agent.lastName}`.trim();
  return full || agent.userName;
}

/** "1 agent", "3 agents". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
