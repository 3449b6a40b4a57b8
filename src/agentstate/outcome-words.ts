/**
 * The outcome of a change, in words for people: one vocabulary for every surface that shows the audit log
 * (Slack's audit card, the audit channel, App Home, the CLI's audit table). The stored outcome stays the
 * use case's code (`logged_out`, `missing_scope`…), so queries and metrics keep working; only the words
 * shown change here.
 */

const WORDS: Record<string, string> = {
  ok: 'done',
  verified: 'verified',
  logged_out: 'logged out — confirmed',
  already_logged_in: 'already logged in — nothing sent',
  not_logged_in: 'not logged in — nothing sent',
  already: 'already so — nothing sent',
  asked: 'agent asked to log in',
  not_visible: 'sent, not visible yet',
  not_confirmed: 'sent, not confirmed',
  not_applied: 'not applied',
  refused: 'refused — nothing sent',
  session_in_progress: 'refused — a session is already starting — nothing sent',
  abandoned: 'stopped before its result — check the agent',
};

/** Why a change failed, by the error code recorded as its outcome (cxone/errors.ts). */
const FAILURE_REASONS: Record<string, string> = {
  auth_failed: 'CXone rejected the app’s credentials',
  missing_scope: 'the app lacks a CXone permission',
  not_found: 'CXone does not know the agent or skill',
  conflict: 'a conflicting skill',
  rate_limited: 'CXone was rate limiting the app',
  unavailable: 'CXone was not answering',
  invalid_response: 'CXone answered something unexpected',
  bad_request: 'CXone refused the request',
  invalid_input: 'invalid input',
};

/** Outcomes that are failures: the words are "failed: <reason>". */
export function isFailureOutcome(outcome: string): boolean {
  return outcome in FAILURE_REASONS || outcome === 'failed' || outcome === 'error';
}

/**
 * `detail` is used as the reason only when the code has none of its own (a plain `failed` or `error`); a
 * CXone error's detail is its log message (HTTP call, request id) and is not for people.
 */
export function outcomeWords(outcome: string, detail?: string): string {
  if (outcome === 'conflict') return 'refused by CXone: a conflicting skill';
  const reason = FAILURE_REASONS[outcome];
  if (reason) return `failed: ${reason}`;
  if (outcome === 'failed' || outcome === 'error')
    return `failed: ${firstSentence(detail) ?? 'unknown reason'}`;
  return WORDS[outcome] ?? outcome.replace(/_/g, ' ');
}

/** Whether the row's detail adds something beside its words (a failure's detail is in the words already). */
export function detailWorthShowing(outcome: string): boolean {
  return !isFailureOutcome(outcome);
}

function firstSentence(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const end = t.search(/[.!?](\s|$)/);
  return (end > 0 ? t.slice(0, end) : t).slice(0, 160);
}
