import { isCxoneError } from '../cxone/errors';
import type { Logger } from '../logger';
import type { AgentDirectory } from './agent-directory';
import type { Catalog } from './catalog';
import type { Agent } from './model';
import type { Clock, CxonePort } from './ports';
import type { Roster } from './roster';

/** What every use case is handed by the service: the ports, the shared catalog cache and the defaults. */
export interface UseCaseDeps {
  cxone: CxonePort;
  clock: Clock;
  catalog: Catalog;
  /** Agents recently found by id; lets a repeated status card skip the search. */
  agents?: AgentDirectory;
  /** Every agent of the tenant, cached: names for ids the search does not match, and the floor's names. */
  roster?: Roster<Agent>;
  logger?: Logger;
  /** CXONE_DEFAULT_SKILL_ID and CXONE_DEFAULT_ACTIVITY. */
  defaults: { skillId?: string; activity: string };
  /** VERIFY_TIMEOUT_MS: how long a login or logout may take to show up. */
  verifyTimeoutMs: number;
}

export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** For lookups that only improve a message: a CXone failure there must not hide the real outcome. */
export async function bestEffort<T>(load: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (isCxoneError(err)) return fallback;
    throw err;
  }
}
