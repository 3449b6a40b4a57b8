import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger';
import type { MentionProblem } from './blocks/lookup-cards';

/**
 * A `<@U…>` mention names a Slack member, not a CXone agent; the bridge is the member's email. Slack only
 * returns `profile.email` with the users:read.email scope, and bots and some guests have none.
 */

export type MentionEmail = { ok: true; email: string } | { ok: false; problem: MentionProblem };

export async function emailOfMember(
  client: webApi.WebClient,
  userId: string,
  logger: Logger,
): Promise<MentionEmail> {
  try {
    const res = await client.users.info({ user: userId });
    const user = res.user;
    if (!user) return { ok: false, problem: 'not_found' };
    if (user.is_bot || user.id === 'USLACKBOT') return { ok: false, problem: 'bot' };
    const email = user.profile?.email?.trim();
    return email ? { ok: true, email } : { ok: false, problem: 'no_email' };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'user_not_found') return { ok: false, problem: 'not_found' };
    logger.warn({ err, slackUserId: userId }, 'users.info failed');
    return { ok: false, problem: 'lookup_failed' };
  }
}
