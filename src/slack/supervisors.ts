import type { webApi } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * Who may change agent states: SUPERVISOR_USER_IDS, or members of SUPERVISOR_USERGROUP_ID. The group's
 * member list is cached briefly (usergroups.users.list is Tier 2, ~20 calls/min) and fetched once for
 * concurrent clicks. 'unknown' means Slack could not tell us, which is not a yes.
 */

export type Authorisation = 'allowed' | 'refused' | 'unknown';

export interface SupervisorCheck {
  authorise(userId: string): Promise<Authorisation>;
}

export interface SupervisorCheckOptions {
  userIds: readonly string[];
  usergroupId: string | undefined;
  client: webApi.WebClient;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

export function createSupervisorCheck(opts: SupervisorCheckOptions): SupervisorCheck {
  const ttl = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let cached: { members: Set<string>; until: number } | undefined;
  let pending: Promise<Set<string>> | undefined;

  async function members(groupId: string): Promise<Set<string>> {
    if (cached && cached.until > now()) return cached.members;
    pending ??= opts.client.usergroups.users
      .list({ usergroup: groupId })
      .then((res) => {
        const set = new Set(res.users ?? []);
        cached = { members: set, until: now() + ttl };
        return set;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  return {
    async authorise(userId) {
      if (opts.userIds.includes(userId)) return 'allowed';
      if (!opts.usergroupId) return 'refused';
      try {
        return (await members(opts.usergroupId)).has(userId) ? 'allowed' : 'refused';
      } catch (err) {
        opts.logger.warn({ err, slackUserId: userId }, 'could not read the supervisor user group');
        return 'unknown';
      }
    },
  };
}
