import type { SessionAgent } from '../../agentstate/sessions';
import type { Card } from '../blocks/kit';
import type { SessionSlackDeps } from '../deps';
import { historyCard } from './more-cards';

/**
 * "Why did they drop?" for the command and the card's History button alike: CXone's timeline for today,
 * and the app's own changes since midnight — they tell a forced logout from one the agent made. Without a
 * database (or when it fails) the card shows CXone's part alone.
 */
export async function historyView(deps: SessionSlackDeps, agent: SessionAgent): Promise<Card> {
  const h = await deps.sessions.history(agent, new Date(deps.now()));
  const store = deps.store;
  const changes = store
    ? await deps.health
        .run(() => store.audit.latest({ agentId: agent.id, limit: 20 }))
        .then((all) => all.filter((e) => e.at >= h.from && e.action !== 'watch' && e.action !== 'unwatch'))
        .catch(() => [])
    : [];
  return historyCard(h, changes);
}
