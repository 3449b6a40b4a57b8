import type { LoginOutcome, LogoutOutcome } from '../../agentstate/types';
import { ACTION, BLOCK } from '../ids';
import { encode, type SHARED_OUTCOMES, type ShareValue } from '../payloads';
import { seconds } from './format';
import { actions, button, type Card, card, context, EMPTY, join, md, section } from './kit';
import { userMention } from './mrkdwn';

/**
 * Replies are ephemeral (only the asker sees them); this button lets them post the same card for the
 * channel. Slack does not send an ephemeral message's blocks back with the click, so the value says what
 * to re-render, by ids, rather than carrying the card or its text.
 */
export function withShareButton(shown: Card, share: ShareValue): Card {
  return {
    ...shown,
    blocks: [
      ...shown.blocks,
      actions(
        BLOCK.share,
        button({ text: 'Share in channel', actionId: ACTION.share, value: encode(share) }),
      ),
    ],
  };
}

/** The card as posted for everyone: no share button, and who shared it. */
export function sharedCard(shown: Card, userId: string): Card {
  return {
    text: shown.text,
    blocks: [
      ...shown.blocks.filter((b) => b.block_id !== BLOCK.share),
      context(md`Shared by ${userMention(userId)}`),
    ],
  };
}

type ChangeValue = Extract<ShareValue, { k: 'change' }>;

/** What a login or switch result shares: its outcome and the ids to name. */
export function loginShare(outcome: LoginOutcome): ChangeValue {
  const base = { k: 'change' as const, a: outcome.agent.id, o: outcome.kind };
  switch (outcome.kind) {
    case 'verified':
      return {
        ...base,
        s: [outcome.state.state.skillId],
        ac: outcome.state.state.activityId,
        ms: Math.round(outcome.verifyMs),
      };
    case 'already_logged_in':
      return { ...base, s: [outcome.state.state.skillId], ac: outcome.state.state.activityId };
    case 'conflict':
      return {
        ...base,
        s: [outcome.target.skill.id],
        ...(outcome.conflictingSkill ? { f: outcome.conflictingSkill.id } : {}),
      };
    case 'not_visible':
      return { ...base, s: [outcome.target.skill.id] };
  }
}

export function logoutShare(outcome: LogoutOutcome): ChangeValue {
  const base = { k: 'change' as const, a: outcome.agent.id, o: outcome.kind };
  switch (outcome.kind) {
    case 'logged_out':
      return { ...base, s: outcome.removed.map((r) => r.state.skillId), ms: Math.round(outcome.verifyMs) };
    case 'not_logged_in':
      return base;
    case 'not_confirmed':
      return { ...base, s: outcome.removed.map((r) => r.state.skillId) };
  }
}

/** A shared change with its ids turned into names (an id stands in for a name CXone no longer knows). */
export interface SharedChange {
  agentId: string;
  agentName: string;
  outcome: (typeof SHARED_OUTCOMES)[number];
  skills: string[];
  activity?: string;
  conflicting?: string;
  verifyMs?: number;
}

/** The result of a change, posted for the channel: one line in the app's words. */
export function sharedChangeCard(c: SharedChange, sharedBy: string): Card {
  const line = changeLine(c);
  return card(line, [
    section(md`${EMOJI[c.outcome]} ${line}`),
    context(md`Shared by ${userMention(sharedBy)} · \`${c.agentId}\``),
  ]);
}

const EMOJI: Record<SharedChange['outcome'], string> = {
  verified: ':white_check_mark:',
  already_logged_in: ':information_source:',
  conflict: ':warning:',
  not_visible: ':x:',
  logged_out: ':white_check_mark:',
  not_logged_in: ':information_source:',
  not_confirmed: ':x:',
};

function changeLine(c: SharedChange) {
  const name = md`*${c.agentName}*`;
  const skills = c.skills.length
    ? join(
        c.skills.map((s) => md`*${s}*`),
        ', ',
      )
    : md`a skill`;
  const as = c.activity ? md` as *${c.activity}*` : EMPTY;
  const took = c.verifyMs === undefined ? EMPTY : md` in ${seconds(c.verifyMs)} s`;
  switch (c.outcome) {
    case 'verified':
      return md`${name}: logged in to ${skills}${as} — verified${took}`;
    case 'already_logged_in':
      return md`${name} was already logged in to ${skills}${as}. Nothing was changed.`;
    case 'conflict':
      return c.conflicting
        ? md`${name} could not be logged in to ${skills}: already logged in to *${c.conflicting}*, which conflicts with it.`
        : md`${name} could not be logged in to ${skills}: already logged in to it or to a conflicting skill.`;
    case 'not_visible':
      return md`The login of ${name} to ${skills} was accepted but never appeared.`;
    case 'logged_out':
      return md`${name}: logged out of ${skills} — confirmed${took}`;
    case 'not_logged_in':
      return md`${name} is not logged in; nothing to log out.`;
    case 'not_confirmed':
      return md`The logout of ${name} was sent, but ${skills} still showed afterwards.`;
  }
}
