/** The use cases: every rule about agent state, behind one service the surfaces call. */

export { type ParsedAgentRef, parseAgentRef } from './agent-ref';
export { DEFAULT_CATALOG_TTL_MS } from './catalog';
export { CHECKS } from './diagnosis-builder';
export * from './model';
export * from './operation-guard';
export { FIRST_POLL_DELAY_MS, MAX_POLL_DELAY_MS, POLL_BACKOFF_FACTOR } from './poll-states';
export * from './ports';
export { type AgentStateServiceDeps, createAgentStateService, DEFAULT_SEARCH_LIMIT } from './service';
export * from './types';
