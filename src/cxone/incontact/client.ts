import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { type Clock, systemClock } from '../../agentstate/ports';
import type { ConnectionInfo } from '../../agentstate/sessions/model';
import type { SessionCxonePort } from '../../agentstate/sessions/port';
import type { Logger } from '../../logger';
import { InvalidInputError } from '../errors';
import { createTransport, type RequestEvent } from '../http';
import { type CallInput, createRequester } from '../request';
import { defaultRetryPolicy, type RetryPolicy } from '../retry';
import { createDiscovery, missingTenantError, once, tenantIdOf } from './discovery';
import { mapIncontactError } from './map-error';
import { createOperations } from './operations';
import type { IncontactRoute } from './routes';
import { createSecretScrubber } from './secrets';
import { createIncontactTokenProvider } from './tokens';

export interface IncontactClientOptions {
  /** Where discovery starts, e.g. https://cxone.niceincontact.com. */
  authUrl: string;
  /** The registered application's client credentials. */
  clientId: string;
  clientSecret: string;
  /** The API user's access key. */
  accessKeyId: string;
  accessKeySecret: string;
  /** The `vNN.0` of service paths. */
  apiVersion: string;
  /** Overrides the discovered `api_endpoint` (and skips that lookup). */
  baseUrl?: string;
  logger: Logger;
  /** Defaults to a fresh `axios.create()`. */
  http?: AxiosInstance;
  retry?: RetryPolicy;
  clock?: Clock;
  /** Per HTTP exchange. Default 10 s. */
  timeoutMs?: number;
  /** Called once per HTTP exchange (discovery, token calls and retries included), e.g. for metrics. */
  onRequest?: (event: RequestEvent) => void;
}

export type IncontactClient = SessionCxonePort & { close(): void };

const DEFAULT_TIMEOUT_MS = 10_000;
const API_VERSION = /^v\d{1,3}\.\d{1,3}$/;

/**
 * The session port over NICE CXone's real API (the `incontact` dialect of CXONE-INCONTACT.md). Nothing
 * happens at construction: the first call discovers the token endpoint, obtains a token, reads the tenant
 * from it and discovers the API host — each once per process. After that every call is one request (or
 * one per page), through the shared transport, retry policy and requester.
 */
export function createIncontactClient(options: IncontactClientOptions): IncontactClient {
  const apiVersion = options.apiVersion;
  if (!API_VERSION.test(apiVersion)) {
    throw new InvalidInputError(
      `apiVersion must look like v27.0, got ${JSON.stringify(apiVersion)}`,
      'apiVersion',
    );
  }
  const authUrl = options.authUrl.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const policy = options.retry ?? defaultRetryPolicy;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const logger = options.logger;
  const scrub = createSecretScrubber();
  const transport = createTransport({ http: options.http, clock, logger, onRequest: options.onRequest });
  const discovery = createDiscovery({ authUrl, transport, policy, clock, timeoutMs, scrub });
  const tokens = createIncontactTokenProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    tokenEndpoint: () => discovery.tokenEndpoint(),
    transport,
    policy,
    clock,
    timeoutMs,
    logger,
    scrub,
  });

  /** Discovery's answers, fixed for the life of the process. */
  const located = once(async () => {
    const tokenEndpoint = await discovery.tokenEndpoint();
    const token = await tokens.getToken();
    const tenantId = tenantIdOf(token.accessToken);
    if (options.baseUrl) {
      // The tenant is only needed to look the API host up; with an override it is reported when known.
      return { tokenEndpoint, tenantId: tenantId ?? '', apiEndpoint: options.baseUrl.replace(/\/+$/, '') };
    }
    if (tenantId === undefined) throw missingTenantError();
    return { tokenEndpoint, tenantId, apiEndpoint: await discovery.apiEndpoint(tenantId) };
  });

  const requester = once(async () => {
    const { apiEndpoint } = await located();
    logger.debug({ apiEndpoint, apiVersion }, 'cxone api endpoint');
    return createRequester({
      baseUrl: `${apiEndpoint}/inContactAPI/services/${apiVersion}`,
      transport,
      tokens,
      policy,
      clock,
      timeoutMs,
      logger,
      mapError: (outcome, ctx, route) => mapIncontactError(outcome, { stage: 'api', ctx, route, scrub }),
    });
  });

  async function call<S extends z.ZodType>(
    route: IncontactRoute,
    input: CallInput,
    schema: S,
  ): Promise<z.output<S>> {
    return (await requester()).call(route, input, schema);
  }

  return {
    ...createOperations({ call, clock }),

    tokenInfo: (opts) => tokens.info(opts),

    async connection(): Promise<ConnectionInfo> {
      const found = await located();
      return { authUrl, ...found, apiVersion, clientAuth: tokens.clientAuth() };
    },

    close() {
      // Forgetting the tokens is what makes a closed client inert; discovery's answers hold no secret.
      tokens.clear();
    },
  };
}
