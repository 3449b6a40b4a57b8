import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { usageCard } from '../blocks';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** The App Home tab shows how to use the command; the Messages tab is left alone. */
export async function appHomeOpened({ event, client, logger }: Args): Promise<void> {
  if (event.tab !== 'home') return;
  try {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: usageCard().blocks } });
  } catch (err) {
    logger.warn({ err }, 'could not publish the App Home');
  }
}
