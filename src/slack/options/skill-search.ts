import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { skillOptions } from '../blocks';
import type { SlackDeps } from '../deps';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

/** Options must be answered within Slack's 3 s; past that, an empty list beats an error in the select. */
const DEADLINE_MS = 2500;

/** The skill select of the login modal searches skills as the supervisor types. */
export function skillSearch(deps: SlackDeps) {
  return async ({ ack, options, logger }: Args): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), DEADLINE_MS);
    });
    try {
      const skills = await Promise.race([deps.service.listSkills(), deadline]);
      await ack(skillOptions(skills ?? [], options.value ?? ''));
    } catch (err) {
      logger.warn({ err }, 'could not list skills for the select');
      await ack({ options: [] });
    } finally {
      clearTimeout(timer);
    }
  };
}
