import { InvalidTargetError } from '../../agentstate/types';
import { CxoneError, InvalidInputError } from '../../cxone/errors';
import { type Card, card, context, EMPTY, join, md, section } from './kit';
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
    return card(md`${err.message}`, usage.blocks);
  }
  if (err instanceof InvalidTargetError) return invalidTargetCard(err);
  if (err instanceof CxoneError) return cxoneErrorCard(err);
  const message = err instanceof Error ? err.message : String(err);
  const ref = requestRef ? md` (reference \`${requestRef}\`)` : EMPTY;
  return card(md`Something went wrong: ${message}`, [
    section(md`:x: *Something went wrong:* ${message}`),
    context(
      md`Nothing was left half-done that the app knows of. Try again; if it keeps happening, check the app logs${ref}.`,
    ),
  ]);
}

function cxoneErrorCard(err: CxoneError): Card {
  const title = TITLE[err.code];
  const meta = [
    md`code \`${err.code}\``,
    err.status ? md`HTTP ${err.status}` : undefined,
    err.endpoint ? md`\`${err.endpoint}\`` : undefined,
    err.requestId ? md`request id \`${err.requestId}\`` : undefined,
  ].filter((m) => m !== undefined);
  return card(md`${title}: ${err.message}`, [
    section(md`:x: *${title}.* ${err.message}`),
    section(md`*Fix:* ${err.remediation}`),
    context(join(meta, ' · ')),
  ]);
}

function invalidTargetCard(err: InvalidTargetError): Card {
  const options = join(
    err.options.slice(0, MAX_OPTIONS).map((o) => md`• ${o.name} \`${o.id}\``),
    '\n',
  );
  const more = err.options.length > MAX_OPTIONS ? md`\n…and ${err.options.length - MAX_OPTIONS} more` : EMPTY;
  return card(md`${err.message}`, [
    section(md`:x: *No ${err.field} \`${err.value}\`.* ${err.message}`),
    section(
      options.length
        ? md`*Valid ${err.field} choices:*\n${options}${more}`
        : md`There is no valid ${err.field} to choose.`,
    ),
    context(md`Nothing was sent to CXone.`),
  ]);
}
