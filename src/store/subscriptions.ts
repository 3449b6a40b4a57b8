import type { Kysely, Selectable } from 'kysely';
import type { Subscription, SubscriptionStore, WatchMention } from './port';
import type { Database, SubscriptionsTable } from './schema';

function toSubscription(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    channelId: row.channel_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    ...mentionOf(row.mention),
  };
}

/** Stored as one text: `here`, or the user id. Anything else (written by hand) mentions nobody. */
function mentionOf(stored: string | null): { mention?: WatchMention } {
  if (stored === 'here') return { mention: { kind: 'here' } };
  if (stored && /^[UW][A-Z0-9]{2,}$/.test(stored)) return { mention: { kind: 'user', userId: stored } };
  return {};
}

function storedMention(mention: WatchMention | undefined): string | null {
  if (!mention) return null;
  return mention.kind === 'here' ? 'here' : mention.userId;
}

export function createSubscriptionStore(db: Kysely<Database>, now: () => number): SubscriptionStore {
  const base = () =>
    db
      .selectFrom('subscriptions')
      .selectAll()
      .orderBy('created_at')
      .orderBy('channel_id')
      .orderBy('agent_id');
  return {
    async add({ channelId, agentId, agentName, createdBy, mention }) {
      // ON CONFLICT DO NOTHING rather than check-then-insert: two supervisors clicking "watch" at once on
      // different replicas must not turn into a duplicate-key error for one of them.
      const inserted = await db
        .insertInto('subscriptions')
        .values({
          channel_id: channelId,
          agent_id: agentId,
          agent_name: agentName,
          created_by: createdBy,
          created_at: now(),
          mention: storedMention(mention),
        })
        .onConflict((oc) => oc.columns(['channel_id', 'agent_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(channelId, agentId) {
      const deleted = await db
        .deleteFrom('subscriptions')
        .where('channel_id', '=', channelId)
        .where('agent_id', '=', agentId)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },
    async listByChannel(channelId) {
      return (await base().where('channel_id', '=', channelId).execute()).map(toSubscription);
    },
    async listByAgent(agentId) {
      return (await base().where('agent_id', '=', agentId).execute()).map(toSubscription);
    },
    async listByUser(createdBy) {
      return (await base().where('created_by', '=', createdBy).execute()).map(toSubscription);
    },
    async listAll() {
      return (await base().execute()).map(toSubscription);
    },
  };
}
