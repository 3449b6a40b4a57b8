import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import { staleButtonCard } from '../blocks';
import { decode } from '../payloads';
import { besideChannelMessage, fromBoltRespond, type Responder } from '../responder';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface Click<T> {
  value: T;
  userId: string;
  respond: Responder;
  /** The clicked message, recorded with a state change so another process can report its outcome. */
  message?: MessageRef;
}

export interface MessageRef {
  channel: string;
  /** Empty for an ephemeral message: it has no ts that chat.update could use. */
  ts: string;
  responseUrl?: string;
}

/**
 * Acks the click (Slack shows an error on the button after 3 s without one) and validates its value. A
 * value that does not parse (a card from an older version, or tampering) gets a "run it again" reply.
 */
export async function readClick<T>(args: ButtonArgs, schema: z.ZodType<T>): Promise<Click<T> | undefined> {
  await args.ack();
  const respond = fromBoltRespond(args.respond);
  const value = decode(schema, args.action.value);
  if (value === undefined) {
    args.logger.warn({ actionId: args.action.action_id }, 'button value did not validate');
    await respond(staleButtonCard());
    return undefined;
  }
  const message = messageOf(args.body);
  const reply = message?.ts ? besideChannelMessage(respond) : respond;
  return { value, userId: args.body.user.id, respond: reply, ...(message ? { message } : {}) };
}

function messageOf(body: ButtonArgs['body']): MessageRef | undefined {
  const container = body.container as { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  const channel = container?.channel_id ?? body.channel?.id;
  if (!channel) return undefined;
  const ts = container?.is_ephemeral ? '' : (container?.message_ts ?? '');
  return { channel, ts, ...(body.response_url ? { responseUrl: body.response_url } : {}) };
}

/** Turns a compact target from a button value into the service's TargetInput. */
export function targetOf(v: { s?: string; st?: string; ac?: string }) {
  return {
    ...(v.s ? { skill: v.s } : {}),
    ...(v.st ? { stateId: v.st } : {}),
    ...(v.ac ? { activity: v.ac } : {}),
  };
}
