import { userMention } from './format';
import { type Card, section } from './kit';

/** Short one-section replies. */

function notice(text: string): Card {
  return { text, blocks: [section(text)] };
}

export function refusalCard(): Card {
  return notice(
    ':no_entry: Only supervisors can change agent states. Ask an admin to add you to `SUPERVISOR_USER_IDS` or to the supervisor user group. Nothing was sent to CXone.',
  );
}

export function membershipUnknownCard(): Card {
  return notice(
    ':warning: Could not check whether you are in the supervisor user group (Slack did not answer). Nothing was sent to CXone; try again in a moment.',
  );
}

export function busyCard(agentName: string, startedBy: string, action: string): Card {
  return notice(
    `:hourglass: A ${action} for ${agentName} is already in progress, started by ${userMention(startedBy)}. Wait for its result in that message.`,
  );
}

export function watchUnavailableCard(): Card {
  return notice('Watching agents isn’t available yet. For now, check an agent with `/agentstate <agent>`.');
}

export function staleButtonCard(): Card {
  return notice(':warning: That button is out of date. Run the command again to get a fresh card.');
}

export function cancelledCard(): Card {
  return notice('Cancelled. Nothing was sent to CXone.');
}

export function shareFailedCard(reason: string): Card {
  return notice(
    `:warning: Could not post in this channel (${reason}). In a private channel or DM, invite the app first (\`/invite @agentstate\`).`,
  );
}

export function modalFailedCard(reason: string): Card {
  return notice(`:warning: Could not open the login form (${reason}). Click the button again.`);
}
