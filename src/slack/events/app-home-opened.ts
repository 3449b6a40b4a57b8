import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type HomeInput, homeView } from '../blocks';
import { currentStates } from '../current-states';
import type { BaseSlackDeps, SlackDeps } from '../deps';
import { storeReason } from '../store-health';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export const HOME_AUDIT_ENTRIES = 10;

/**
 * The App Home tab: the user's watched agents with their current state, the latest audit entries (for
 * supervisors, like `/agentstate audit`), and usage. Each part degrades on its own: a database outage or a
 * CXone failure becomes a note in that part, never an empty tab.
 */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, event.user);
  };
}

/** Builds and publishes the tab; also after a click on it changed what it shows (Unwatch). */
export async function publishHome(deps: SlackDeps, userId: string): Promise<void> {
  const [watched, audit, canChange] = await Promise.all([
    watchedPart(deps, userId),
    auditPart(deps, userId),
    deps.supervisors.authorise(userId).then((a) => a === 'allowed'),
  ]);
  const input: HomeInput = { watched, audit, now: new Date(deps.now()), canChange };
  try {
    await deps.client.views.publish({ user_id: userId, view: homeView(input) });
  } catch (err) {
    deps.logger.warn({ err }, 'could not publish the App Home');
  }
}

async function watchedPart(deps: SlackDeps, userId: string): Promise<HomeInput['watched']> {
  const store = deps.store;
  if (!store) return { kind: 'hidden' };
  try {
    const subs = await deps.health.run(() => store.subscriptions.listByUser(userId));
    const states = await currentStates(
      deps.service,
      subs.map((s) => s.agentId),
    );
    return { kind: 'ok', value: { subs, states } };
  } catch (err) {
    deps.logger.warn({ err }, 'App Home: could not read the watch list');
    return { kind: 'unavailable', reason: `the app's database is not reachable (${storeReason(err)})` };
  }
}

export async function auditPart(deps: BaseSlackDeps, userId: string): Promise<HomeInput['audit']> {
  const store = deps.store;
  if (!store) return { kind: 'hidden' };
  if ((await deps.supervisors.authorise(userId)) !== 'allowed') return { kind: 'supervisors_only' };
  try {
    return {
      kind: 'ok',
      value: await deps.health.run(() => store.audit.latest({ limit: HOME_AUDIT_ENTRIES })),
    };
  } catch (err) {
    deps.logger.warn({ err }, 'App Home: could not read the audit log');
    return { kind: 'unavailable', reason: `the app's database is not reachable (${storeReason(err)})` };
  }
}
