import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { z } from 'zod';
import { staleButtonCard } from '../blocks';
import { decode } from '../payloads';
import { fromBoltRespond, type Responder } from '../responder';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface Click<T> {
  value: T;
  userId: string;
  respond: Responder;
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
  return { value, userId: args.body.user.id, respond };
}

/** Turns a compact target from a button value into the service's TargetInput. */
export function targetOf(v: { s?: string; st?: string; ac?: string }) {
  return {
    ...(v.s ? { skill: v.s } : {}),
    ...(v.st ? { stateId: v.st } : {}),
    ...(v.ac ? { activity: v.ac } : {}),
  };
}
