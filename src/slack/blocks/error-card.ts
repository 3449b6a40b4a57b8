import { InvalidTargetError } from '../../agentstate/types';
import { CxoneError, InvalidInputError } from '../../cxone/errors';
import { type Card, context, esc, section } from './kit';
import { usageCard } from './usage-card';

/**
 * Every failure becomes a card with the reason and what to do about it: CXone errors carry their own
 * remediation text (shared with the CLI); an invalid login target lists the valid choices.
 */

const TITLE: Record<CxoneError['code'], string> = {
  auth_failed: 'CXone rejected the app’s credentials',
  missing_scope: 'The CXone OAuth client is missing a permission',
  not_found: 'CXone does not know that',
  conflict: 'CXone reports a conflict',
  rate_limited: 'CXone is rate limiting the app',
  unavailable: 'CXone is not answering',
  invalid_response: 'CXone sent something unexpected',
  bad_request: 'CXone rejected the request',
  invalid_input: 'That input is not valid',
};

const MAX_OPTIONS = 25;

export function errorCard(err: unknown, requestRef?: string): Card {
  if (err instanceof InvalidInputError) {
    const usage = usageCard({ problem: `${err.message}.` });
    return { text: err.message, blocks: usage.blocks };
  }
  if (err instanceof InvalidTargetError) return invalidTargetCard(err);
  if (err instanceof CxoneError) return cxoneErrorCard(err);
  const message = err instanceof Error ? err.message : String(err);
  const ref = requestRef ? ` (reference \`${esc(requestRef)}\`)` : '';
  return {
    text: `Something went wrong: ${message}`,
    blocks: [
      section(`:x: *Something went wrong:* ${esc(message)}`),
      context(
        `Nothing was left half-done that the app knows of. Try again; if it keeps happening, check the app logs${ref}.`,
      ),
    ],
  };
}

function cxoneErrorCard(err: CxoneError): Card {
  const title = TITLE[err.code];
  const meta = [
    `code \`${err.code}\``,
    err.status ? `HTTP ${err.status}` : undefined,
    err.endpoint ? `\`${esc(err.endpoint)}\`` : undefined,
    err.requestId ? `request id \`${esc(err.requestId)}\`` : undefined,
  ].filter(Boolean);
  return {
    text: `${title}: ${err.message}`,
    blocks: [
      section(`:x: *${title}.* ${esc(err.message)}`),
      section(`*Fix:* ${esc(err.remediation)}`),
      context(meta.join(' · ')),
    ],
  };
}

function invalidTargetCard(err: InvalidTargetError): Card {
  const options = err.options
    .slice(0, MAX_OPTIONS)
    .map((o) => `• ${esc(o.name)} \`${o.id}\``)
    .join('\n');
  const more = err.options.length > MAX_OPTIONS ? `\n…and ${err.options.length - MAX_OPTIONS} more` : '';
  return {
    text: err.message,
    blocks: [
      section(`:x: *No ${err.field} \`${esc(err.value)}\`.* ${esc(err.message)}`),
      section(
        options
          ? `*Valid ${err.field} choices:*\n${options}${more}`
          : `There is no valid ${err.field} to choose.`,
      ),
      context('Nothing was sent to CXone.'),
    ],
  };
}
