import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../blocks';
import type { SessionSlackDeps } from '../deps';
import { auditPart } from '../events/app-home-opened';
import { sessionUsageCard } from './usage';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** The App Home on a real tenant: the latest changes (supervisors) and what this connection can do. */
export function registerSessionHome(app: App, deps: SessionSlackDeps): void {
  app.event('app_home_opened', async ({ event, client, logger }: Args) => {
    if (event.tab !== 'home') return;
    const view = homeView({
      watched: { kind: 'hidden' },
      audit: await auditPart(deps, event.user),
      now: new Date(deps.now()),
      usage: sessionUsageCard(deps.sessions.capabilities).blocks,
    });
    try {
      await client.views.publish({ user_id: event.user, view });
    } catch (err) {
      logger.warn({ err }, 'could not publish the App Home');
    }
  });
}
