import type { webApi } from '@slack/bolt';
import type { OperationGuard } from '../agentstate/operation-guard';
import type { SessionService } from '../agentstate/sessions';
import type { AgentStateService } from '../agentstate/types';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { AuditSink } from './audit';
import type { SlackStore, StoreHealth } from './store-health';
import type { SupervisorCheck } from './supervisors';

/** Everything a listener may use. Built once in `createSlackApp`, passed to every `register(app, deps)`. */
export interface SlackDeps extends BaseSlackDeps {
  /** The use cases of the tutorial's skill-login model (the v2 dialect). */
  service: AgentStateService;
}

/** The listeners of a real tenant's API (the incontact dialect): the session model's use cases. */
export interface SessionSlackDeps extends BaseSlackDeps {
  sessions: SessionService;
}

/** What every listener may use, whichever CXone dialect the app speaks. */
export interface BaseSlackDeps {
  config: Config;
  guard: OperationGuard;
  logger: Logger;
  metrics: Metrics;
  audit: AuditSink;
  supervisors: SupervisorCheck;
  /** The bot's Web API client (the same as Bolt's `client` argument). */
  client: webApi.WebClient;
  now: () => number;
  /** Subscriptions, audit log and in-flight operations; absent when the app runs without a database. */
  store?: SlackStore;
  /** Whether the store answered lately; wraps store calls so a failure becomes a clear refusal. */
  health: StoreHealth;
}
