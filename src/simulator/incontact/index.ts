/**
 * The incontact dialect of the simulator: NICE CXone's real API as CXONE-INCONTACT.md describes it, with
 * discovery, the access-key password grant, `/inContactAPI/services/vNN.0/…`, sessions and one state per
 * agent. Start it with `startSimulator({ dialect: 'incontact' })`; decisions: README.md, "incontact".
 */
export type { Catalog, Session } from './catalog';
export { createIncontactControl, type IncontactSimulatorControl, type WireAgentState } from './control';
export { INCONTACT_DEFAULTS, REFUSALS, type Refusal, type RefusalKind } from './decisions';
export { SPARE_STATIONS } from './seed';
export { ACCESS_KEYS, APP_REGISTRATIONS, type DemoRole } from './seed-data';
export type { IncontactCredentials, RunningIncontactSimulator } from './start';
export type { IncontactTenantView } from './tenant';
export type {
  AgentStateName,
  AppRegistration,
  IcAgent,
  IcSkill,
  IcStation,
  IcTeam,
  IcUnavailableCode,
  IncontactRuntimeConfig,
  IncontactSettings,
  IncontactSimulatorOptions,
  NoChangeStatus,
  Permission,
  SeededAccessKey,
  SessionInProgressStatus,
  StateEntry,
} from './types';
