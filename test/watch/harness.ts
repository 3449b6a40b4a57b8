import { createWatchEngine, type WatchEngine, type WatchEngineOptions } from '../../src/agentstate/watch';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/store';
import { FakeClock } from '../agentstate/fake-clock';
import { memoryStore, RecordingNotifier, TenantStates } from './fakes';

export interface EngineHarness {
  cxone: TenantStates;
  store: Store;
  notifier: RecordingNotifier;
  clock: FakeClock;
  engine: WatchEngine;
}

export const silentLogger = createLogger({ level: 'silent' });

/** A fresh engine over an in-memory SQLite store, a fake tenant and a recording notifier. */
export async function engineHarness(
  overrides: Partial<Omit<WatchEngineOptions, 'cxone'>> & { store?: Store; cxone?: TenantStates } = {},
): Promise<EngineHarness> {
  const cxone = overrides.cxone ?? new TenantStates();
  const notifier = new RecordingNotifier();
  const clock = new FakeClock();
  const store = overrides.store ?? (await memoryStore());
  const engine = createWatchEngine({ cxone, store, notifier, clock, logger: silentLogger, ...overrides });
  return { cxone, store, notifier, clock, engine };
}
