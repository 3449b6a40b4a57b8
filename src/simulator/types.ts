/**
 * Wire shapes of the seed dialect (DESIGN.md, "The CXone contract"). Declared here rather than imported
 * from `agentstate/model.ts` on purpose: the simulator is the reference for the wire contract, and must
 * not silently change when the app's domain model evolves.
 */

export interface SimAgent {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  userName: string;
  isActive: boolean;
}

export interface SimSkill {
  id: string;
  name: string;
  isActive: boolean;
}

export interface SimStateDefinition {
  id: string;
  name: string;
}

export interface SimActivity {
  id: string;
  name: string;
}

export interface SimAgentState {
  agentId: string;
  stateId: string;
  skillId: string;
  /** ISO 8601, when the login was accepted (not when it became visible). */
  loginTime: string;
  activityId: string;
}

export type Scope = 'Agent-Read' | 'Agent-Write' | 'Skills-Read';

export interface SeededClient {
  clientId: string;
  clientSecret: string;
  scopes: readonly Scope[];
  /** What the client is for, shown in the banner. */
  purpose: string;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 60; 10,000+ starts in well under a second. */
  agentCount?: number;
  /** Default 42. Same seed ⇒ same ids, names and initial logins. */
  seed?: number;
  /**
   * How long a login or logout takes to show in reads. Default 700: inside the tutorial's "sleep 1 s,
   * check once", so its own client succeeds against the defaults; a longer delay shows why verification polls.
   */
  propagationDelayMs?: number;
  /** `expires_in` of issued tokens. Default 3600. */
  tokenTtlSeconds?: number;
  /** Added before answering every API request (not /__sim/). Default 0. */
  latencyMs?: number;
}

/** The options that can change while running (`POST /__sim/config`, `POST /__sim/reset`). */
export interface RuntimeConfig {
  propagationDelayMs: number;
  tokenTtlSeconds: number;
  latencyMs: number;
}

export interface TenantConfig {
  seed: number;
  agentCount: number;
}

export const DEFAULTS: Readonly<RuntimeConfig & TenantConfig> = Object.freeze({
  seed: 42,
  agentCount: 60,
  propagationDelayMs: 700,
  tokenTtlSeconds: 3600,
  latencyMs: 0,
});
