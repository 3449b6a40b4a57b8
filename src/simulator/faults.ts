/**
 * Injected failures (`POST /__sim/faults`). A rule affects the next `times` matching requests, then
 * disappears; the first matching rule wins. Requests hit by a fault are still counted.
 */
export interface FaultRule {
  /** Any method when absent. */
  method?: string;
  /** A route template (`/api/v2/agents/{agentId}/states`) or a prefix of the path or template; any when absent. */
  path?: string;
  /** Answer with this status. Absent ⇒ only `delayMs`, then the request is served normally. */
  status?: number;
  /** How many requests the rule affects. */
  times: number;
  /** Sent verbatim as `Retry-After` (seconds or an HTTP date). */
  retryAfter?: string;
  /** Hang this long before answering, for client timeout tests. */
  delayMs?: number;
}

export class FaultBook {
  private rules: FaultRule[] = [];

  add(rules: FaultRule[]): void {
    this.rules.push(...rules.map((r) => ({ ...r })));
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes one use of the first rule matching this request, if any. */
  take(method: string, pathname: string, template: string | undefined): FaultRule | undefined {
    const index = this.rules.findIndex((r) => matches(r, method, pathname, template));
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.times -= 1;
    if (rule.times <= 0) this.rules.splice(index, 1);
    return rule;
  }
}

function matches(rule: FaultRule, method: string, pathname: string, template: string | undefined): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (!rule.path) return true;
  return pathname.startsWith(rule.path) || (template?.startsWith(rule.path) ?? false);
}

const ERROR_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'invalid_token',
  403: 'insufficient_scope',
  404: 'not_found',
  409: 'conflict',
  429: 'too_many_requests',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export function faultErrorName(status: number): string {
  return ERROR_NAMES[status] ?? 'injected_fault';
}
