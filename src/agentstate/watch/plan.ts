import type { DropNotice, Subscription } from '../../store/port';

export const noticeKey = (channelId: string, agentId: string) => `${channelId}\u0000${agentId}`;

export interface PendingDrop {
  notice: DropNotice;
  /** Claimed by an earlier cycle: it may have been posted before that cycle died. */
  redelivery: boolean;
}

/** A posted notice whose agent is back, with the agent's current state. */
export interface PendingReturn<S> {
  notice: DropNotice;
  current: S;
}

export interface ChannelPlan<S> {
  drops: PendingDrop[];
  returns: PendingReturn<S>[];
}

export interface DeliveryPlan<S> {
  /** Notices to close without a message. */
  cancel: Array<{ channelId: string; agentId: string }>;
  byChannel: Map<string, ChannelPlan<S>>;
}

/**
 * Decides what each open notice needs, from the notices themselves and the agents' current states — not
 * from this cycle's transitions. That is what makes a failed or interrupted cycle harmless: whatever it
 * did not finish is still visible in the store next time and planned again.
 *
 * - channel no longer watches the agent → close silently;
 * - agent back, notice never posted → close silently (the drop was never announced, so neither is the return);
 * - agent back, notice posted → "returned" reply in its thread;
 * - agent still out, notice not posted → post it (again, when claimed by an earlier cycle);
 * - agent still out, notice posted → nothing: the channel already knows.
 *
 * "Back" is the dialect's `isIn` of the agent's current state (v2: in a skill; incontact: in a session).
 */
export function planDeliveries<S>(input: {
  open: readonly DropNotice[];
  claimed: readonly DropNotice[];
  current: ReadonlyMap<string, S>;
  isIn: (state: S) => boolean;
  subscribed: ReadonlyMap<string, Subscription>;
}): DeliveryPlan<S> {
  const fresh = new Set(input.claimed.map((n) => noticeKey(n.channelId, n.agentId)));
  const notices = new Map<string, DropNotice>();
  for (const n of [...input.open, ...input.claimed]) notices.set(noticeKey(n.channelId, n.agentId), n);

  const plan: DeliveryPlan<S> = { cancel: [], byChannel: new Map() };
  const channel = (id: string) => {
    let entry = plan.byChannel.get(id);
    if (!entry) {
      entry = { drops: [], returns: [] };
      plan.byChannel.set(id, entry);
    }
    return entry;
  };
  for (const [key, notice] of notices) {
    const { channelId, agentId } = notice;
    const posted = notice.messageTs !== '';
    const current = input.current.get(agentId);
    const back = current !== undefined && input.isIn(current);
    if (!input.subscribed.has(key) || (back && !posted)) plan.cancel.push({ channelId, agentId });
    else if (back && current !== undefined) channel(channelId).returns.push({ notice, current });
    else if (!posted) channel(channelId).drops.push({ notice, redelivery: !fresh.has(key) });
  }
  return plan;
}
