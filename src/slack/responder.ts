import type { RespondFn, webApi } from '@slack/bolt';
import type { Card } from './blocks';

/**
 * Where a reply goes: a `response_url` (slash commands, button clicks) or, when there is none, a DM.
 * `replace` swaps the message the click came from; otherwise a new ephemeral message appears.
 */
export type Responder = (card: Card, opts?: { replace?: boolean }) => Promise<void>;

export function fromBoltRespond(respond: RespondFn): Responder {
  return async (card, opts = {}) => {
    await respond({
      text: card.text,
      blocks: card.blocks,
      response_type: 'ephemeral',
      replace_original: Boolean(opts.replace),
    });
  };
}

/**
 * A modal submission carries no response_url of its own, so the modal remembers the one of the click
 * that opened it. Same contract as Bolt's `respond` (plain POST of JSON, fail on non-2xx).
 */
export function fromResponseUrl(url: string, fetchFn: typeof fetch = fetch): Responder {
  return async (card, opts = {}) => {
    const res = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        text: card.text,
        blocks: card.blocks,
        response_type: 'ephemeral',
        replace_original: Boolean(opts.replace),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  };
}

/**
 * For a click on a message the whole channel sees (a watch notice, perhaps a digest naming several agents):
 * one supervisor's progress and result must not replace it, so every reply is a new ephemeral message for
 * the clicker, and the notice stays until the watcher resolves it.
 */
export function besideChannelMessage(respond: Responder): Responder {
  return (card) => respond(card, { replace: false });
}

/** Last resort when there is no response_url: a direct message from the app (needs only chat:write). */
export function fromDirectMessage(client: webApi.WebClient, userId: string): Responder {
  return async (card) => {
    await client.chat.postMessage({ channel: userId, text: card.text, blocks: card.blocks });
  };
}
