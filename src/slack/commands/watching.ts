import { storeDownCard, watchingCard } from '../blocks';
import { currentStates } from '../current-states';
import { storeReason } from '../store-health';
import type { SubcommandHandler } from './context';
import { requireStore } from './store-gate';

/** At most this many agents get a fresh state read; a longer list shows the rest without one. */
const MAX_READS = 40;

/** `/agentstate watching`: the agents this channel watches, each with its current state from CXone. */
export const watching: SubcommandHandler<unknown> = async (ctx) => {
  const store = await requireStore(ctx, 'The watch list', 'read');
  if (!store) return 'error';
  let subs: Awaited<ReturnType<typeof store.subscriptions.listByChannel>>;
  try {
    subs = await ctx.deps.health.run(() => store.subscriptions.listByChannel(ctx.channelId));
  } catch (err) {
    await ctx.respond(storeDownCard(storeReason(err), 'read'));
    return 'error';
  }
  const states = await currentStates(
    ctx.deps.service,
    subs.map((s) => s.agentId),
    { max: MAX_READS },
  );
  const canChange = (await ctx.deps.supervisors.authorise(ctx.userId)) === 'allowed';
  await ctx.respond(watchingCard(ctx.channelId, subs, states, new Date(ctx.deps.now()), canChange));
  return 'ok';
};
