/** The watcher engine: poll CXone, diff against the last known states, notify channels once. */

export { recordWatchBaseline } from './baseline';
export {
  createWatchEngine,
  DEFAULT_FALLBACK_MS,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_NEW_AGENT_READ_LIMIT,
  DEFAULT_PER_AGENT_CONCURRENCY,
  DEFAULT_RATE_LIMIT_WAIT_MS,
} from './engine';
export {
  createSessionWatchEngine,
  recordSessionBaseline,
  type SeenSession,
  type SessionDropEvent,
  type SessionReturnEvent,
  type SessionWatchEngineOptions,
  type SessionWatchNotifier,
  seenOf,
} from './sessions';
export type * from './types';
