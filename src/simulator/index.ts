/**
 * The CXone simulator: a real HTTP server speaking the seed dialect of DESIGN.md (`v2`) or NICE CXone's
 * `incontact` dialect (CXONE-INCONTACT.md), with a seeded tenant,
 * propagation delays, scopes, token expiry and fault injection. Used for local runs (CXONE_SIMULATOR=1),
 * integration tests and benchmarks; never used unless asked for. Decisions where the contract is silent:
 * see README.md next to this file.
 */
export { describeSimulator } from './banner';
export {
  type CountsSnapshot,
  createSimulatorControl,
  type FaultRuleInput,
  type SimulatorControl,
  type SimulatorSettings,
} from './control';
export type { FaultRule } from './faults';
export * from './incontact';
export { SEEDED_CLIENTS } from './seed-data';
export {
  type AnyRunningSimulator,
  type RunningSimulator,
  type SimulatorDialect,
  type StartSimulatorOptions,
  startSimulator,
} from './server';
export type { TenantView } from './tenant';
export type {
  RuntimeConfig,
  Scope,
  SeededClient,
  SimActivity,
  SimAgent,
  SimAgentState,
  SimSkill,
  SimStateDefinition,
  SimulatorOptions,
  TenantConfig,
} from './types';
