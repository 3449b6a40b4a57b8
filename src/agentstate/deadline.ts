/**
 * Deadlines that nest (Go's `context.WithDeadline`): a verification's window bounds every read inside it.
 * The read is handed a signal that fires when the window closes, so the HTTP adapter abandons the
 * exchange; and the wait ends then even if the port ignores the signal, so a verification ends on time
 * whatever CXone (or an adapter) does.
 */

/** A read was cut off because the window it ran in closed. */
export class WindowClosedError extends Error {
  override readonly name = 'WindowClosedError';
  constructor() {
    super('the verify window closed while CXone was still answering');
  }
}

/**
 * Runs `read` for at most `ms`. Rejects with `WindowClosedError` when the time is up, and with
 * `outer.reason` when `outer` (the operation's own signal) aborts first.
 *
 * The timer is the platform's `setTimeout`, not the injected clock: a request hangs in real time, and a
 * fake clock that jumps on `sleep` would otherwise close every window at once.
 */
export function withinWindow<T>(
  ms: number,
  outer: AbortSignal | undefined,
  read: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (outer?.aborted) return Promise.reject(outer.reason);
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: unknown) => {
      controller.abort(reason);
      reject(reason);
    };
    const onOuter = () => stop(outer?.reason);
    const timer = setTimeout(() => stop(new WindowClosedError()), Math.max(0, ms));
    outer?.addEventListener('abort', onOuter, { once: true });
    read(controller.signal)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuter);
      });
  });
}
