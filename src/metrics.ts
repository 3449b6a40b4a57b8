import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for `GET /metrics`. Each call builds its own Registry rather than using prom-client's
 * global one, so tests (and a CLI process that never serves) can create as many as they like without
 * "metric already registered" errors.
 */

/** What the CXone client's `onRequest` hook reports for every HTTP call it makes. */
export interface CxoneRequestEvent {
  method: string;
  /** `METHOD /path` template or path template, never a concrete URL with ids (keeps label cardinality low). */
  endpoint: string;
  status: number | 'timeout' | 'network';
  durationMs: number;
}

export type CommandOutcome = 'ok' | 'usage' | 'not_found' | 'refused' | 'error';

export interface Metrics {
  readonly registry: Registry;
  /** One `/agentstate` command (or its follow-up click) finished with this outcome. */
  countCommand(subcommand: string, outcome: CommandOutcome): void;
  /** Matches the CXone client's `onRequest` hook. */
  onCxoneRequest(event: CxoneRequestEvent): void;
  /** One login/switch/logout through the app; `verifyMs` when the outcome was verified. */
  recordChange(
    action: 'login' | 'logout' | 'switch' | 'available' | 'unavailable' | 'ask',
    outcome: string,
    verifyMs?: number,
  ): void;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Default process metrics (CPU, memory, event loop lag). Off in unit tests to keep them fast. */
  defaultMetrics?: boolean;
  prefix?: string;
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const prefix = opts.prefix ?? 'agentstate_';
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  const commands = new Counter({
    name: `${prefix}slack_commands_total`,
    help: 'Slash commands handled, by subcommand and outcome',
    labelNames: ['subcommand', 'outcome'] as const,
    registers: [registry],
  });
  const cxoneRequests = new Counter({
    name: `${prefix}cxone_requests_total`,
    help: 'HTTP requests to CXone, by endpoint and status',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const cxoneLatency = new Histogram({
    name: `${prefix}cxone_request_duration_seconds`,
    help: 'CXone request latency, by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const logins = new Counter({
    name: `${prefix}logins_total`,
    help: 'Agent logins, logouts and skill switches made through the app, by outcome',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  const verifyTime = new Histogram({
    name: `${prefix}login_verify_seconds`,
    help: 'Time from the login POST (or logout DELETE) until GET .../states shows the change',
    labelNames: ['action'] as const,
    buckets: [0.25, 0.5, 1, 2, 3, 5, 8, 13, 21, 34],
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    countCommand(subcommand, outcome) {
      commands.inc({ subcommand, outcome });
    },
    onCxoneRequest(e) {
      const endpoint = e.endpoint.includes(' ') ? e.endpoint : `${e.method} ${e.endpoint}`;
      cxoneRequests.inc({ endpoint, status: String(e.status) });
      cxoneLatency.observe({ endpoint }, e.durationMs / 1000);
    },
    recordChange(action, outcome, verifyMs) {
      logins.inc({ action, outcome });
      if (verifyMs !== undefined) verifyTime.observe({ action }, verifyMs / 1000);
    },
    render: () => registry.metrics(),
  };
}
