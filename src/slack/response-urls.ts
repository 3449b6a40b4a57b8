import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger';
import { foreignReplyAddressCard } from './blocks';

/**
 * Where the app may POST a reply. A `response_url` arrives inside the request, and the app posts its
 * cards there and stores it with an operation so that recovery can report after a crash; a request
 * carrying any other address (127.0.0.1, a metadata service, someone's server) would make the app send
 * requests wherever it says. So only Slack's response-URL hosts are accepted: https on hooks.slack.com,
 * or hooks.slack-gov.com for GovSlack. The sandbox and the tests point SLACK_API_URL at a Slack of their
 * own, which serves its response_urls too; when SLACK_API_URL is not Slack's, its origin is accepted as
 * well, so no separate setting is needed.
 */

export interface ResponseUrlPolicy {
  allows(url: string): boolean;
}

const SLACK_HOOK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
const SLACK_API_HOSTS = new Set(['slack.com', 'slack-gov.com']);

export function responseUrlPolicy(slackApiUrl: string): ResponseUrlPolicy {
  const api = new URL(slackApiUrl);
  const ownOrigin = SLACK_API_HOSTS.has(api.hostname) ? undefined : api.origin;
  return {
    allows(raw) {
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      if (!url || url.username || url.password) return false;
      if (url.protocol === 'https:' && url.port === '' && SLACK_HOOK_HOSTS.has(url.hostname)) return true;
      return url.origin === ownOrigin;
    },
  };
}

interface ReplyAddresses {
  response_url?: unknown;
  response_urls?: Array<{ response_url?: unknown }>;
  user?: { id?: string };
  user_id?: string;
  channel?: { id?: string };
  channel_id?: string;
}

/**
 * Global middleware: a request whose response_url (or a view submission's response_urls) is not
 * accepted never reaches a listener, so the address is neither posted to nor stored. The person is told
 * where Slack allows it: in the acknowledgement of a slash command, as an ephemeral message otherwise.
 */
export function refuseForeignResponseUrls(
  policy: ResponseUrlPolicy,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as ReplyAddresses;
    const addresses = [body.response_url, ...(body.response_urls ?? []).map((r) => r.response_url)];
    const foreign = addresses.find((u) => u !== undefined && (typeof u !== 'string' || !policy.allows(u)));
    if (foreign === undefined) return args.next();
    logger.warn({ host: hostOf(foreign) }, 'request refused: its response_url is not a Slack host');
    const refused = foreignReplyAddressCard();
    const ack = 'ack' in args ? (args.ack as (response?: object) => Promise<void>) : undefined;
    if (body.user_id && ack) return ack({ response_type: 'ephemeral', ...refused });
    await ack?.();
    const user = body.user?.id ?? body.user_id;
    const channel = body.channel?.id ?? body.channel_id;
    if (!user || !channel) return;
    await args.client.chat
      .postEphemeral({ channel, user, text: refused.text, blocks: refused.blocks })
      .catch((err) => logger.warn({ err }, 'could not tell the member why the request was refused'));
  };
}

/** The host only: a response_url's path is a credential for that reply. */
function hostOf(url: unknown): string {
  return typeof url === 'string' && URL.canParse(url) ? new URL(url).host : typeof url;
}
