import { cancelledCard } from '../blocks';
import { fromBoltRespond } from '../responder';
import type { ButtonArgs } from './button';

/** "Cancel" on a confirm card: replace it so it cannot be confirmed later by accident. */
export async function cancelClicked(args: ButtonArgs): Promise<void> {
  await args.ack();
  await fromBoltRespond(args.respond)(cancelledCard(), { replace: true });
}
