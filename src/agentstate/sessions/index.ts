/** The session model (the incontact dialect): one state per agent, sessions, reasons. */
export { auditRecordOf } from './change';
export * from './model';
export type { SessionCxonePort } from './port';
export { parseSessionAgentRef } from './resolve';
export { createSessionService, sessionCapabilities } from './service';
export * from './types';
