import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { type Clock, type CxonePort, systemClock } from '../agentstate/ports';
import type { Logger } from '../logger';
import { createTransport, type RequestEvent } from './http';
import { createRequester } from './request';
import { defaultRetryPolicy, type RetryPolicy } from './retry';
import { ROUTES } from './routes';
import {
  activityListSchema,
  agentPageSchema,
  agentStatesSchema,
  bulkStatesSchema,
  loginResponseSchema,
  skillListSchema,
  stateDefinitionListSchema,
} from './schemas';
import { createTokenProvider, type TokenProvider } from './tokens';
import { requireId, requireInteger, requireIsoDateTime } from './validate';

export interface CxoneClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  /** Defaults to a fresh `axios.create()`; tests and the composition root may pass their own. */
  http?: AxiosInstance;
  /** Defaults to a token provider built from the client id and secret over the same transport. */
  tokens?: TokenProvider;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Per HTTP exchange. Default 10 s, like the tutorial. */
  timeoutMs?: number;
  /** Called once per HTTP exchange (retries and token calls included), e.g. to feed Prometheus. */
  onRequest?: (event: RequestEvent) => void;
}

export type CxoneClient = CxonePort & { close(): void };

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The CXone port over HTTP (seed dialect of DESIGN.md). Ids are validated before any request; every
 * response is validated against its envelope; every failure is a `CxoneError` subclass.
 */
export function createCxoneClient(options: CxoneClientOptions): CxoneClient {
  const clock = options.clock ?? systemClock;
  const policy = options.retry ?? defaultRetryPolicy;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const logger = options.logger;
  const transport = createTransport({ http: options.http, clock, logger, onRequest: options.onRequest });
  const tokens =
    options.tokens ??
    createTokenProvider({
      baseUrl: options.baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      transport,
      retry: policy,
      clock,
      timeoutMs,
      logger,
    });
  const { call } = createRequester({
    baseUrl: options.baseUrl,
    transport,
    tokens,
    policy,
    clock,
    timeoutMs,
    logger,
  });

  return {
    tokenInfo: (opts) => tokens.info(opts),

    async searchAgents({ search, page, pageSize }) {
      const query: Record<string, string | number> = {};
      if (search !== undefined) query.search = search;
      if (page !== undefined) query.page = requireInteger('page', page, 0);
      if (pageSize !== undefined) query.pageSize = requireInteger('pageSize', pageSize, 1);
      return call(ROUTES.searchAgents, { query }, agentPageSchema);
    },

    async getAgentStates(agentId, opts) {
      const params = { agentId: requireId('agentId', agentId) };
      const signal = opts?.signal;
      return (await call(ROUTES.agentStates, { params, ...(signal ? { signal } : {}) }, agentStatesSchema))
        .states;
    },

    async getAllAgentStates(updatedSince) {
      const query =
        updatedSince === undefined
          ? undefined
          : { updatedSince: requireIsoDateTime('updatedSince', updatedSince) };
      return call(ROUTES.allAgentStates, { query }, bulkStatesSchema);
    },

    async loginAgent(agentId, body) {
      const params = { agentId: requireId('agentId', agentId) };
      // Sent field by field so nothing else the caller's object carries leaks onto the wire.
      const data = {
        skillId: requireId('skillId', body.skillId),
        stateId: requireId('stateId', body.stateId),
        activityId: requireId('activityId', body.activityId),
      };
      return (await call(ROUTES.login, { params, data }, loginResponseSchema)).state;
    },

    async logoutAgent(agentId, stateId) {
      const params = { agentId: requireId('agentId', agentId), stateId: requireId('stateId', stateId) };
      // 204: there is no body to check.
      await call(ROUTES.logout, { params }, z.unknown());
    },

    async listSkills() {
      return (await call(ROUTES.skills, {}, skillListSchema)).entities;
    },

    async listSkillStates(skillId) {
      const params = { skillId: requireId('skillId', skillId) };
      return (await call(ROUTES.skillStates, { params }, stateDefinitionListSchema)).entities;
    },

    async listActivities() {
      return (await call(ROUTES.activities, {}, activityListSchema)).entities;
    },

    close() {
      // Nothing is pooled beyond axios' agent; forgetting the token is what makes a closed client inert.
      tokens.clear();
    },
  };
}
