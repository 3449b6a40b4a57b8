import { ACTION, BLOCK } from '../ids';
import { encode, type ShareValue } from '../payloads';
import { actions, button, type Card, context } from './kit';

/**
 * Replies are ephemeral (only the asker sees them); this button lets them post the same card for the
 * channel. Slack does not send an ephemeral message's blocks back with the click, so the value says what
 * to re-render rather than carrying the card.
 */
export function withShareButton(card: Card, share: ShareValue): Card {
  return {
    ...card,
    blocks: [
      ...card.blocks,
      actions(
        BLOCK.share,
        button({ text: 'Share in channel', actionId: ACTION.share, value: encode(share) }),
      ),
    ],
  };
}

/** The card as posted for everyone: no share button, and who shared it. */
export function sharedCard(card: Card, userId: string): Card {
  return {
    text: card.text,
    blocks: [...card.blocks.filter((b) => b.block_id !== BLOCK.share), context(`Shared by <@${userId}>`)],
  };
}
