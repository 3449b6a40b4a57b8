import type { LoginProgress } from '../agentstate/types';
import type { Logger } from '../logger';
import type { Card } from './blocks';
import type { Responder } from './responder';

/**
 * Live progress in the clicked message, within Slack's limits: a response_url accepts at most five
 * messages in 30 minutes, so one click gets the initial progress card, at most `maxUpdates` live updates
 * (at most one per `minIntervalMs`) and the result. Updates are sent one after another so a slow
 * progress update can never land after, and overwrite, the result.
 *
 * The few updates are spent on what a reader needs: a card is sent only when its words changed (a new
 * phase, not another poll), and a change that came too soon after the last one is sent when the interval
 * has passed, so the card shows the latest phase rather than the first one that happened to fit. Every
 * event is rendered, so a card that remembers earlier phases ("Logged out of Sales ES ✓") sees them all.
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
  let lastText: string | undefined;
  let updates = 0;
  let finished = false;
  let pending: Card | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (card: Card) => {
    lastText = card.text;
    chain = chain
      .then(() => opts.respond(card, { replace: true }))
      .catch((err) => opts.logger.warn({ err }, 'could not update the progress message'));
  };

  const update = (card: Card) => {
    pending = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastSent = opts.now();
    updates++;
    send(card);
  };

  /** The latest words, once the interval since the last update has passed. */
  const later = (card: Card, waitMs: number) => {
    pending = card;
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!finished && pending && updates < maxUpdates) update(pending);
    }, waitMs);
    timer.unref?.();
  };

  return {
    async start() {
      lastSent = opts.now();
      send(opts.render());
      await chain;
    },
    onProgress(event) {
      if (finished) return;
      const card = opts.render(event);
      // 'verified' is followed at once by the result card: not worth one of the five uses.
      if (event.type === 'verified' || updates >= maxUpdates) return;
      if (card.text === lastText) {
        pending = undefined;
        return;
      }
      const wait = minInterval - (opts.now() - lastSent);
      if (wait > 0) later(card, wait);
      else update(card);
    },
    /** Throws when the result could not be delivered, so the caller can fall back to a DM. */
    async finish(card) {
      finished = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await chain;
      await opts.respond(card, { replace: true });
    },
  };
}
