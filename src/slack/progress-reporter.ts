import type { LoginProgress } from '../agentstate/types';
import type { Logger } from '../logger';
import type { Card } from './blocks';
import type { Responder } from './responder';

/**
 * Live progress in the clicked message, within Slack's limits: a response_url accepts at most five
 * messages in 30 minutes, so one click gets the initial progress card, at most `maxUpdates` live updates
 * (at most one per `minIntervalMs`) and the result. Updates are sent one after another so a slow
 * progress update can never land after, and overwrite, the result.
 */

export interface ProgressReporter<E extends ProgressEvent = LoginProgress> {
  start(): Promise<void>;
  onProgress(event: E): void;
  finish(card: Card): Promise<void>;
}

/** A use case's progress event: each dialect has its own, all with a `type` ('verified' at the end). */
export interface ProgressEvent {
  type: string;
}

export interface ProgressReporterOptions<E extends ProgressEvent = LoginProgress> {
  respond: Responder;
  render: (event?: E) => Card;
  now: () => number;
  logger: Logger;
  minIntervalMs?: number;
  maxUpdates?: number;
}

export function createProgressReporter<E extends ProgressEvent = LoginProgress>(
  opts: ProgressReporterOptions<E>,
): ProgressReporter<E> {
  const minInterval = opts.minIntervalMs ?? 1000;
  const maxUpdates = opts.maxUpdates ?? 2;
  let chain: Promise<void> = Promise.resolve();
  let lastSent = Number.NEGATIVE_INFINITY;
  let updates = 0;
  let finished = false;

  const send = (card: Card) => {
    chain = chain
      .then(() => opts.respond(card, { replace: true }))
      .catch((err) => opts.logger.warn({ err }, 'could not update the progress message'));
  };

  return {
    async start() {
      lastSent = opts.now();
      send(opts.render());
      await chain;
    },
    onProgress(event) {
      // 'verified' is followed at once by the result card: not worth one of the five uses.
      if (finished || event.type === 'verified' || updates >= maxUpdates) return;
      if (opts.now() - lastSent < minInterval) return;
      lastSent = opts.now();
      updates++;
      send(opts.render(event));
    },
    /** Throws when the result could not be delivered, so the caller can fall back to a DM. */
    async finish(card) {
      finished = true;
      await chain;
      await opts.respond(card, { replace: true });
    },
  };
}
