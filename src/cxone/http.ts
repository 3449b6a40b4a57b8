import type { AxiosInstance, AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios';
import axios from 'axios';
import type { Clock } from '../agentstate/ports';
import type { Logger } from '../logger';
import type { HttpStatus, ResponseHeaders } from './map-error';
import type { Method } from './routes';

/** Emitted once per HTTP exchange (each retry and the token call included), for metrics. */
export interface RequestEvent {
  method: string;
  /** Route template, e.g. `GET /api/v2/agents/{agentId}/states`. */
  endpoint: string;
  status: HttpStatus;
  durationMs: number;
}

export interface HttpRequest {
  method: Method;
  url: string;
  endpoint: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
  data?: unknown;
}

/** The outcome of one exchange. Never a thrown axios error: mapping failures is `mapHttpError`'s job. */
export interface HttpOutcome {
  status: HttpStatus;
  body: unknown;
  headers: ResponseHeaders;
  /**
   * The HTTP reason phrase when the server sent one. Some CXone services put the only description of an
   * error there ("400 Invalid Updated Since"), so a dialect's error mapping may read it.
   */
  statusText?: string;
  /** Transport error code when there was no response (ECONNABORTED, ECONNRESET…). */
  transportCode?: string;
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpOutcome>;
}

export interface TransportOptions {
  http?: AxiosInstance;
  clock: Clock;
  logger: Logger;
  onRequest?: (event: RequestEvent) => void;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * One HTTP exchange over axios with an explicit timeout. `validateStatus: () => true` makes every status a
 * normal response, so the only throws left are transport failures, which become a 'timeout' or 'network'
 * outcome here. Redirects are not followed: CXone does not redirect API calls, and following one would
 * replay the Authorization header or a POST body somewhere else.
 */
export function createTransport(options: TransportOptions): Transport {
  const http = options.http ?? axios.create();
  const { clock, logger, onRequest } = options;

  return {
    async send(request) {
      const started = clock.now();
      const outcome = await exchange(http, request);
      const durationMs = clock.now() - started;
      const requestId = outcome.headers['x-request-id'];
      // Only labels and numbers here: never headers, bodies or the URL (query strings may hold search text).
      logger.debug(
        {
          method: request.method,
          endpoint: request.endpoint,
          status: outcome.status,
          durationMs,
          requestId,
          transportCode: outcome.transportCode,
        },
        'cxone request',
      );
      try {
        onRequest?.({
          method: request.method,
          endpoint: request.endpoint,
          status: outcome.status,
          durationMs,
        });
      } catch (error) {
        // A broken metrics hook must not fail the call it is measuring.
        logger.warn({ err: error }, 'cxone onRequest hook threw');
      }
      return outcome;
    },
  };
}

async function exchange(http: AxiosInstance, request: HttpRequest): Promise<HttpOutcome> {
  try {
    const response = await http.request({
      method: request.method,
      url: request.url,
      headers: request.headers,
      params: request.query,
      data: request.data,
      timeout: request.timeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      responseType: 'json',
    });
    return {
      status: response.status,
      body: response.data,
      headers: normalizeHeaders(response.headers),
      statusText: response.statusText || undefined,
    };
  } catch (error) {
    // Keep only the code: the axios error holds the request config (Authorization, client secret).
    const code = readCode(error);
    const status = code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
    return { status, body: undefined, headers: {}, transportCode: code };
  }
}

function readCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : readCode(cause);
}

function normalizeHeaders(headers: RawAxiosResponseHeaders | AxiosResponseHeaders): ResponseHeaders {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
