import { displayName } from '../../agentstate/model';
import type { Check, Diagnosis, Verdict } from '../../agentstate/types';
import { slackDate } from './format';
import { type Card, capBlocks, card, context, EMPTY, header, join, type Mrkdwn, md, section } from './kit';
import { loginActions } from './login-buttons';
import { ambiguousCard } from './lookup-cards';

/** `/agentstate diagnose <agent>`: every check of the tutorial with its outcome, the verdict and the fix. */

const MARK: Record<Check['outcome'], string> = { pass: '✓', fail: '✗', warn: '⚠', skipped: '–' };

/** Verdicts that mean "CXone could not be asked": the failed check needs no detail, the summary says why. */
const CANNOT_TELL: ReadonlySet<Verdict> = new Set([
  'auth_failed',
  'missing_scope',
  'rate_limited',
  'cxone_unavailable',
  'invalid_response',
]);

/** Verdicts where the agent is simply not logged in; the card says so once, before why. */
export const NOT_LOGGED_IN_VERDICTS: ReadonlySet<Verdict> = new Set([
  'not_logged_in',
  'no_skills',
  'invalid_target',
]);

export function checkLine(check: Pick<Check, 'outcome' | 'label' | 'detail'>): Mrkdwn {
  const detail = check.detail ? md` — ${check.detail}` : EMPTY;
  const label = check.outcome === 'skipped' ? md`_${check.label}_` : md`*${check.label}*`;
  return md`${MARK[check.outcome]} ${label}${detail}`;
}

/**
 * A check as a supervisor reads it. The use case's details are shared with the CLI and speak its language
 * (the HTTP call that returned `[]`, the agent's id): on a card a skipped check needs no reason, the agent
 * is named in the header and its id on the secondary line, and a failure the verdict explains is said once.
 */
function slackCheck(check: Check, verdict: Verdict): Mrkdwn {
  const quiet =
    check.outcome === 'skipped' ||
    check.id === 'agent_exists' ||
    (check.id === 'states_present' && check.outcome === 'fail') ||
    (check.outcome === 'fail' && CANNOT_TELL.has(verdict));
  return checkLine(quiet ? { ...check, detail: '' } : check);
}

const CANNOT_READ = 'so the agent’s states cannot be read — an empty list would not mean logged out.';

/**
 * The verdict in the card's own words. The diagnosis' `summary` and `fix` are shared with the CLI and
 * name HTTP calls and CLI commands ("GET …/states returns []", "agentstate login"); a card says what a
 * supervisor can see and do, and leaves the admin settings (CXone Admin paths) to the fixes that need them.
 */
export function verdictWords(d: Diagnosis): { summary: Mrkdwn; fix?: Mrkdwn } {
  const name = d.agent ? displayName(d.agent) : d.ref;
  const target = d.target;
  switch (d.verdict) {
    case 'logged_in':
      return { summary: md`${name} is logged in.` };
    case 'not_logged_in':
      if (!target) return { summary: md`The app may not list the skills to log in to.`, fix: md`${d.fix}` };
      if (!d.canLogin) {
        return {
          summary: md`A login to *${target.skill.name}* would fix it, but the app lacks the CXone permission to log agents in.`,
          fix: md`${d.fix}`,
        };
      }
      return {
        summary: md`A login to *${target.skill.name}* would fix it.`,
        fix: target.ambiguous
          ? md`Choose the skill with *Log agent in…* below.`
          : md`Use *Log agent in* below.`,
      };
    case 'no_skills':
      return { summary: md`There is no active skill to log in to.`, fix: md`${d.fix}` };
    case 'invalid_target':
      return { summary: md`The default login target is not valid.`, fix: md`${d.fix}` };
    case 'agent_inactive':
      return {
        summary: md`${name} is deactivated in CXone, so they have no states and cannot log in.`,
        fix: md`Ask a CXone admin to reactivate the account (Admin > Users).`,
      };
    case 'agent_not_found':
      return { summary: md`No agent matches “${d.ref}”.`, fix: md`Check the name, email or id.` };
    case 'ambiguous_agent':
      return { summary: md`“${d.ref}” matches several agents.`, fix: md`Pick one of them.` };
    case 'auth_failed':
      return {
        summary: md`CXone rejected the app’s credentials, ${CANNOT_READ}`,
        fix: md`${d.fix}`,
      };
    case 'missing_scope':
      return { summary: md`The app lacks a CXone permission, ${CANNOT_READ}`, fix: md`${d.fix}` };
    case 'rate_limited':
      return {
        summary: md`CXone is rate limiting the app, ${CANNOT_READ}`,
        fix: md`Try again in a minute.`,
      };
    case 'cxone_unavailable':
      return {
        summary: md`CXone is not answering, ${CANNOT_READ}`,
        fix: md`Try again in a few minutes; if it lasts, check the CXone status page.`,
      };
    case 'invalid_response':
      return {
        summary: md`CXone answered with data the app does not understand, ${CANNOT_READ}`,
        fix: md`Ask whoever runs the app to check its logs.`,
      };
  }
}

/** "Not logged in to any skill." before why, for the verdicts where that is the state of things. */
export function verdictLine(d: Diagnosis): Mrkdwn {
  const { summary } = verdictWords(d);
  return NOT_LOGGED_IN_VERDICTS.has(d.verdict) ? md`Not logged in to any skill. ${summary}` : summary;
}

export function diagnoseCard(d: Diagnosis, checkedAt: Date): Card {
  if (d.verdict === 'ambiguous_agent' && d.candidates?.length) {
    return ambiguousCard(d.ref, d.candidates, d.candidates.length, true);
  }
  // Header blocks are plain text: no mrkdwn escaping there.
  const title = `Diagnosis: ${d.agent ? displayName(d.agent) : d.ref}`;
  const ok = d.verdict === 'logged_in';
  const { fix } = verdictWords(d);
  const line = verdictLine(d);
  return card(
    md`${title}: ${line}`,
    capBlocks([
      header(title),
      ...(d.agent ? [context(md`\`${d.agent.id}\` · ${d.agent.email}`)] : []),
      section(
        join(
          d.checks.map((c) => slackCheck(c, d.verdict)),
          '\n',
        ),
      ),
      section(md`${ok ? '✓' : '✗'} ${line}${fix ? md`\n*Fix:* ${fix}` : EMPTY}`),
      ...(d.agent ? loginActions(d.agent, d) : []),
      context(md`Source: CXone · checked ${slackDate(checkedAt)}`),
    ]),
  );
}
