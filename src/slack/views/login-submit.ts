import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { runLogin } from '../changes';
import type { SlackDeps } from '../deps';
import { ACTION, BLOCK, SKILL_LOGIN_STATE } from '../ids';
import { decode, modalMetadataSchema } from '../payloads';
import { fromDirectMessage, fromResponseUrl } from '../responder';
import { responseUrlPolicy } from '../response-urls';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const id = z.guid();
const submissionSchema = z.object({
  skill: id,
  state: z.union([z.literal(SKILL_LOGIN_STATE), id]),
  activity: id.optional(),
});

type Values = Args['view']['state']['values'];

function selected(values: Values, block: string, action: string): string | undefined {
  return values[block]?.[action]?.selected_option?.value ?? undefined;
}

/**
 * The login modal was submitted. Validation errors are shown next to the field (`response_action:
 * errors`); otherwise the ack closes the modal and the login runs in the card the modal came from.
 */
export function loginSubmitted(deps: SlackDeps) {
  const replies = responseUrlPolicy(deps.config.slack.apiUrl);
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const values = view.state.values;
    const parsed = submissionSchema.safeParse({
      skill: selected(values, BLOCK.skill, ACTION.skillSelect),
      state: selected(values, BLOCK.state, ACTION.stateSelect) ?? SKILL_LOGIN_STATE,
      activity: selected(values, BLOCK.activity, ACTION.activitySelect),
    });
    const decoded = decode(modalMetadataSchema, view.private_metadata);
    // The metadata comes back from Slack as the app wrote it; a reply address that is not Slack's means it
    // was not written by this app, so the form is refused as a whole (nothing posted, nothing stored).
    const meta = decoded?.ru && !replies.allows(decoded.ru) ? undefined : decoded;
    if (!parsed.success || !meta) {
      const field = parsed.success ? BLOCK.skill : String(parsed.error.issues[0]?.path[0] ?? BLOCK.skill);
      const message = meta
        ? `Pick a ${field}.`
        : 'This form is out of date: close it and click the button again.';
      await ack({ response_action: 'errors', errors: { [field]: message } });
      return;
    }
    await ack();
    const userId = body.user.id;
    const respond = meta.ru ? fromResponseUrl(meta.ru) : fromDirectMessage(client, userId);
    const { skill, state, activity } = parsed.data;
    await runLogin(
      deps,
      {
        agentId: meta.a,
        userId,
        respond,
        ...(meta.ru ? { message: { channel: meta.c ?? userId, ts: '', responseUrl: meta.ru } } : {}),
      },
      {
        skill,
        ...(state === SKILL_LOGIN_STATE ? {} : { stateId: state }),
        ...(activity ? { activity } : {}),
      },
    );
  };
}
