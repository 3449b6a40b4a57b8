/** Runs the watch engine on the one replica holding the `watcher` lease. */
export {
  createWatcherRunner,
  MIN_LEASE_TTL_MS,
  type StopOptions,
  WATCHER_LEASE,
  type WatcherRunner,
  type WatcherRunnerOptions,
} from './runner';
