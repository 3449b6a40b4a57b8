import { type Card, card, type Mrkdwn, md, section } from './kit';
import { userMention } from './mrkdwn';

/** Short one-section replies. */

function notice(text: Mrkdwn): Card {
  return card(text, [section(text)]);
}

const REFUSAL: Record<'change' | 'watch' | 'audit', string> = {
  change: 'Only supervisors can change agent states.',
  watch: 'Only supervisors can change what a channel watches.',
  audit: 'Only supervisors can read the audit log.',
};
const REFUSAL_TAIL: Record<'change' | 'watch' | 'audit', string> = {
  change: ' Nothing was sent to CXone.',
  watch: ' Nothing was stored.',
  audit: '',
};

export function refusalCard(kind: 'change' | 'watch' | 'audit' = 'change'): Card {
  return notice(
    md`:no_entry: ${REFUSAL[kind]} Ask an admin to add you to \`SUPERVISOR_USER_IDS\` or to the supervisor user group.${REFUSAL_TAIL[kind]}`,
  );
}

export function membershipUnknownCard(): Card {
  return notice(
    md`:warning: Could not check whether you are in the supervisor user group (Slack did not answer). Nothing was sent to CXone; try again in a moment.`,
  );
}

export function busyCard(agentName: string, startedBy: string, action: string): Card {
  return notice(
    md`:hourglass: A ${action} for ${agentName} is already in progress, started by ${userMention(startedBy)}. Wait for its result in that message.`,
  );
}

const REFUSED: Record<'change' | 'watch' | 'read', string> = {
  change: 'Changes are refused until it is back, so nothing was sent to CXone.',
  watch: 'Watch changes are refused until it is back; nothing was stored.',
  read: 'Status, diagnose and skills still work.',
};

/** The database went away after start: say so, and what still works. `reason` never holds credentials. */
export function storeDownCard(reason: string, kind: 'change' | 'watch' | 'read'): Card {
  return notice(
    md`:warning: The app's database (\`DATABASE_URL\`) is not reachable: ${reason}. ${REFUSED[kind]}`,
  );
}

/** The app runs without a store (none configured for this surface). */
export function noStoreCard(what: string): Card {
  return notice(md`${what} needs the app's database, and this app runs without one.`);
}

export function staleButtonCard(): Card {
  return notice(md`:warning: That button is out of date. Run the command again to get a fresh card.`);
}

/** A click that repeats one already handled (a replayed request): nothing is done a second time. */
export function replayedClickCard(): Card {
  return notice(
    md`:warning: That click was already handled, so nothing was done again. Run the command again for a fresh card.`,
  );
}

/** A request whose reply address is not Slack's (response-urls.ts): nothing is done with it. */
export function foreignReplyAddressCard(): Card {
  return notice(
    md`:no_entry: This request was refused: the address it gave for the reply is not one of Slack’s. Nothing was done.`,
  );
}

export function cancelledCard(): Card {
  return notice(md`Cancelled. Nothing was sent to CXone.`);
}

export function shareFailedCard(reason: string): Card {
  return notice(
    md`:warning: Could not post in this channel (${reason}). In a private channel or DM, invite the app first (\`/invite @agentstate\`).`,
  );
}

export function modalFailedCard(reason: string): Card {
  return notice(md`:warning: Could not open the login form (${reason}). Click the button again.`);
}
