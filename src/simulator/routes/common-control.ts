import type { Counts } from '../counts';
import type { FaultBook } from '../faults';
import { readJson, sendJson } from '../http';
import type { Router } from '../router';
import { faultsSchema, parseBody } from '../validation';

/** What the controls every dialect shares act on. */
export interface CommonControlTarget {
  counts: Counts;
  faults: FaultBook;
  /** Invalidates every token issued so far; returns how many were still usable. */
  invalidateTokens(how: 'revoked' | 'expired', now: number): number;
}

/** `/__sim/counts`, `/__sim/faults` and `/__sim/tokens/*`: the same in every dialect. */
export function registerCommonControl(router: Router, target: CommonControlTarget): void {
  router.on('GET', '/__sim/counts', ({ res }) => sendJson(res, 200, target.counts.snapshot()));

  router.on('GET', '/__sim/faults', ({ res }) => sendJson(res, 200, { rules: target.faults.list() }));
  router.on('POST', '/__sim/faults', async ({ req, res }) => {
    target.faults.add(parseBody(faultsSchema, await readJson(req)).rules);
    sendJson(res, 200, { rules: target.faults.list() });
  });
  router.on('DELETE', '/__sim/faults', ({ res }) => {
    target.faults.clear();
    sendJson(res, 204, undefined);
  });

  router.on('POST', '/__sim/tokens/revoke', ({ res, now }) =>
    sendJson(res, 200, { invalidated: target.invalidateTokens('revoked', now) }),
  );
  router.on('POST', '/__sim/tokens/expire', ({ res, now }) =>
    sendJson(res, 200, { invalidated: target.invalidateTokens('expired', now) }),
  );
}
