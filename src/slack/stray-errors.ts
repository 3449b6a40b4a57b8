import type { Logger } from '../logger';

/**
 * By default Node ends the process on a promise rejection nobody handles or an exception thrown from a
 * callback. For `agentstate serve` that would turn one bad request into an outage: every supervisor's
 * change in flight interrupted and every watcher stopped until the container restarts. The known cause
 * (a payload Bolt's receiver could not handle) is refused at the edge (request-guard.ts); this is the
 * net for whatever is left: the error is logged with its stack, and the process keeps serving.
 * Returns a function that removes the handlers again (at shutdown, and in tests).
 */
export function logStrayErrors(
  logger: Logger,
  proc: Pick<NodeJS.Process, 'on' | 'off'> = process,
): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection; still serving');
  };
  const onException = (err: Error, origin: string) => {
    logger.error({ err, origin }, 'uncaught exception; still serving');
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
