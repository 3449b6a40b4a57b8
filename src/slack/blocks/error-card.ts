import { AgentInactiveError } from '../../agentstate/login-and-verify';
import { InvalidTargetError } from '../../agentstate/types';
import {
  AuthError,
  BadRequestError,
  ConflictError,
  CxoneError,
  InvalidInputError,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
} from '../../cxone/errors';
import { BLOCK } from '../ids';
import { inactiveAgentCard } from './confirm-cards';
import {
  actions,
  type ButtonElement,
  type Card,
  card,
  context,
  EMPTY,
  join,
  type Mrkdwn,
  md,
  section,
} from './kit';
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

/**
 * CXone was busy (429) or down (5xx, timeouts): the same read or change may simply work a moment later.
 * Anything else would fail the same way again, so it gets no Retry.
 */
export function isRetryable(err: unknown): boolean {
  return err instanceof RateLimitedError || err instanceof UnavailableError;
}

/**
 * `retry` re-runs what failed (the same read, or the same change through its guarded flow); it is shown
 * only when the failure is one a retry can cure.
 */
export function errorCard(err: unknown, requestRef?: string, retry?: ButtonElement): Card {
  const shown = plainErrorCard(err, requestRef);
  if (!retry || !isRetryable(err)) return shown;
  return {
    ...shown,
    blocks: [...shown.blocks, actions(BLOCK.next, { ...retry, text: { ...retry.text, text: 'Retry' } })],
  };
}

function plainErrorCard(err: unknown, requestRef?: string): Card {
  if (err instanceof InvalidInputError) {
    const usage = usageCard({ problem: `${err.message}.` });
    return card(md`${err.message}`, usage.blocks);
  }
  if (err instanceof InvalidTargetError) return invalidTargetCard(err);
  if (err instanceof AgentInactiveError) return inactiveAgentCard(err.agent);
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
  const fix = slackFix(err);
  // err.message is for logs and the CLI: it starts with the HTTP call and ends with the request id. The
  // card says what happened and what to do; the reference for an admin is on one secondary line, once.
  const ref = [
    err instanceof NotFoundError && err.id ? md`${err.resource} id \`${err.id}\`` : undefined,
    err.requestId ? md`CXone request id \`${err.requestId}\`` : undefined,
  ].filter((m) => m !== undefined);
  return card(md`${title}. ${fix}`, [
    section(md`:x: *${title}.*\n*Fix:* ${fix}`),
    ...(ref.length ? [context(join(ref, ' · '))] : []),
  ]);
}

/**
 * What a supervisor can do about it. The errors' own remediation is shared with the CLI and may name a
 * CLI command or an HTTP method; where it does, the card has its own words.
 */
export function slackFix(err: CxoneError): Mrkdwn {
  return SLACK_WRONG.test(err.remediation) ? ownWords(err) : md`${err.remediation}`;
}

/**
 * A CLI command, or an HTTP method or status class. (Settings of the app, like CXONE_CLIENT_ID, stay: the
 * card is how whoever runs the app learns which one to fix.)
 */
const SLACK_WRONG = /\bagentstate [a-z]|\b(GET|POST|DELETE)\b|\dxx\b/;

function ownWords(err: CxoneError): Mrkdwn {
  if (err instanceof NotFoundError) {
    switch (err.resource) {
      case 'agent':
        return md`CXone has no agent with that id. Look the agent up by name or email.`;
      case 'skill':
        return md`CXone has no such skill. \`/agentstate skills\` lists them.`;
      case 'state':
        return md`The agent is no longer logged in with that state. Look at the agent again to see where they are now.`;
      case 'resource':
        return md`CXone no longer knows it. Look at the agent again.`;
    }
  }
  if (err instanceof ConflictError) {
    return md`The agent is already logged in to this skill or to a conflicting one: log them out of it first, or use *Switch*, which does both and verifies.`;
  }
  if (err instanceof BadRequestError) {
    return md`CXone refused the request. Check the skill, state and activity, and try again.`;
  }
  if (err instanceof RateLimitedError) {
    const wait = err.retryAfterMs ? md` (CXone asks for ${Math.ceil(err.retryAfterMs / 1000)} s)` : EMPTY;
    return md`Wait a moment and try again${wait}.`;
  }
  if (err instanceof UnavailableError) {
    return md`Try again in a moment; if it lasts, check the CXone status page or ask whoever runs the app.`;
  }
  if (err instanceof AuthError || err instanceof MissingScopeError) {
    return md`Ask whoever runs the app to check its CXone credentials and permissions.`;
  }
  return md`Ask whoever runs the app to check its logs.`;
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
