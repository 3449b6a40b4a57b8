import type { Catalog } from '../catalog';
import type { DeliveryPlan } from './plan';
import type { WatchLogger } from './types';

/**
 * Names for drop notices' last skills, from the cached catalog. Best effort: without Skills-Read (or with
 * CXone down) a notice still goes out, showing the skill id.
 */
export async function skillNamer<S>(
  catalog: Pick<Catalog, 'skills'> | undefined,
  plan: DeliveryPlan<S>,
  logger: WatchLogger,
): Promise<(skillId: string) => string | undefined> {
  const none = () => undefined;
  const hasDrops = [...plan.byChannel.values()].some((c) => c.drops.length > 0);
  if (!catalog || !hasDrops) return none;
  try {
    const names = new Map((await catalog.skills()).map((s) => [s.id.toLowerCase(), s.name]));
    return (skillId) => names.get(skillId.toLowerCase());
  } catch (err) {
    logger.warn({ err }, 'watch: skill names unavailable; notices show skill ids');
    return none;
  }
}
