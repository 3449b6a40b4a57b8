import { displayName } from '../../agentstate/model';
import type { SessionAgent } from '../../agentstate/sessions';
import type { Logger } from '../../logger';
import { busyCard, errorCard, membershipUnknownCard, refusalCard, storeDownCard } from '../blocks';
import type { SessionSlackDeps } from '../deps';
import type { Responder } from '../responder';
import { storeReason } from '../store-health';
import { askDm, askedCard, askNotYetCard, askVerifiedCard, noMemberCard } from './more-cards';

/**
 * "Ask <agent> to log in": on a real tenant only the agent (or an impersonating API user) can start a
 * session. The app finds the agent's Slack member by email, sends one direct message saying who asked and
 * what to do, and turns the supervisor's message into "verified" when the agent is in and available — or
 * "not yet" with Remind and Check again when the verification window passes. The request holds the
 * agent's operation guard while it waits, so a second click does not message the agent again.
 */

export type MemberLookup =
  | { ok: true; memberId: string }
  | { ok: false; problem: 'no_member' | 'lookup_failed' };

export async function memberByEmail(
  deps: SessionSlackDeps,
  email: string,
  log: Logger,
): Promise<MemberLookup> {
  if (!email) return { ok: false, problem: 'no_member' };
  try {
    const res = await deps.client.users.lookupByEmail({ email });
    const id = res.user?.id;
    return id && !res.user?.deleted ? { ok: true, memberId: id } : { ok: false, problem: 'no_member' };
  } catch (err) {
    if ((err as { data?: { error?: string } }).data?.error === 'users_not_found')
      return { ok: false, problem: 'no_member' };
    log.warn({ err }, 'users.lookupByEmail failed');
    return { ok: false, problem: 'lookup_failed' };
  }
}

/** Finds the member and sends the one message. Returns the member, or the card saying why not. */
export async function sendAsk(
  deps: SessionSlackDeps,
  agent: SessionAgent,
  by: string,
  log: Logger,
): Promise<{ ok: true; memberId: string } | { ok: false; problem: 'no_member' | 'lookup_failed' }> {
  const member = await memberByEmail(deps, agent.email, log);
  if (!member.ok) return member;
  const dm = askDm(agent, by);
  await deps.client.chat.postMessage({ channel: member.memberId, text: dm.text, blocks: dm.blocks });
  return member;
}

export interface AskRequest {
  agentId: string;
  userId: string;
  respond: Responder;
}

export async function askAgentToLogIn(deps: SessionSlackDeps, req: AskRequest): Promise<void> {
  const log = deps.logger.child({ slackUserId: req.userId, agentId: req.agentId, action: 'ask' });
  const auth = await deps.supervisors.authorise(req.userId);
  if (auth !== 'allowed') {
    await req.respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
    return;
  }
  let op: Awaited<ReturnType<SessionSlackDeps['guard']['begin']>>;
  try {
    op = await deps.health.run(() => deps.guard.begin(req.agentId, 'ask', req.userId));
  } catch (err) {
    await req.respond(storeDownCard(storeReason(err), 'change'));
    return;
  }
  if (!op.ok) {
    await req.respond(busyCard('this agent', op.startedBy, op.action));
    return;
  }
  let outcome = 'failed';
  try {
    outcome = await askUnderGuard(deps, req, log);
  } finally {
    await op.end(outcome).catch((err) => log.error({ err }, 'could not record the end of the request'));
  }
}

async function askUnderGuard(deps: SessionSlackDeps, req: AskRequest, log: Logger): Promise<string> {
  try {
    const found = await deps.sessions.resolveAgent(req.agentId);
    if (found.kind !== 'found') {
      await req.respond(errorCard(new Error('That agent is no longer in CXone.')), { replace: true });
      return 'not_found';
    }
    const agent = found.agent;
    const askedAt = deps.now();
    const sent = await sendAsk(deps, agent, req.userId, log);
    if (!sent.ok) {
      await req.respond(
        sent.problem === 'no_member'
          ? noMemberCard(agent)
          : errorCard(new Error('Slack could not be searched for the agent.')),
        { replace: true },
      );
      return sent.problem;
    }
    await req.respond(askedCard(agent, sent.memberId, req.userId, new Date(askedAt)), { replace: true });
    const waited = await deps.sessions.awaitLogin(agent);
    const outcome = waited.seen ? 'verified' : 'not_yet';
    await deps.audit.record({
      at: new Date(deps.now()),
      actor: req.userId,
      action: 'ask',
      agent: { id: agent.id, name: displayName(agent) },
      outcome,
      ...(waited.seen ? { verifyMs: deps.now() - askedAt } : {}),
    });
    await req.respond(
      waited.seen
        ? askVerifiedCard(agent, sent.memberId, req.userId, deps.now() - askedAt)
        : askNotYetCard(agent, sent.memberId, describe(waited.status.kind)),
      { replace: true },
    );
    return outcome;
  } catch (err) {
    log.warn({ err }, 'asking the agent failed');
    await req.respond(errorCard(err), { replace: true });
    return 'failed';
  }
}

function describe(kind: string): string {
  return (
    { logged_out: 'logged out', logged_in_no_state: 'logged in, no state yet', unavailable: 'unavailable' }[
      kind
    ] ?? kind
  );
}
