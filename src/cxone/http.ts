import type { Readable } from 'node:stream';
import type { AxiosInstance, AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios';
import axios from 'axios';
import type { Clock } from '../agentstate/ports';
import type { Logger } from '../logger';
import { type HttpStatus, type ResponseHeaders, requestIdOf } from './map-error';
import { parseBody, readCapped } from './read-body';
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
  /**
   * Deadline of the whole exchange: connecting, sending, and receiving the entire body. A server that sends
   * its headers and then trickles the body is cut off here (axios' own timeout only notices an idle socket).
   */
  timeoutMs: number;
  /**
   * The caller's own cancellation (an operation's deadline, a shutdown). When it fires the exchange is
   * abandoned and `send` rejects with its reason, as `Clock.sleep` does.
   */
  signal?: AbortSignal;
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
  /**
   * Set when the body was longer than the transport's cap: reading stopped there and `body` is the text
   * received so far. A success with this set must not be used (see `ResponseTooLargeError`).
   */
  oversize?: { limitBytes: number };
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpOutcome>;
}

export interface TransportOptions {
  http?: AxiosInstance;
  clock: Clock;
  logger: Logger;
  onRequest?: (event: RequestEvent) => void;
  /** Largest response body read, in bytes. Default `DEFAULT_MAX_RESPONSE_BYTES`. */
  maxResponseBytes?: number;
}

/**
 * Above any answer of the contract (a state in the bulk list is about 250 bytes, so this holds over 30,000
 * of them), far below what hurts a replica's memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * One HTTP exchange over axios, bounded in time (the whole exchange, see `HttpRequest.timeoutMs`) and in
 * size (`maxResponseBytes`). `validateStatus: () => true` makes every status a normal response, so the only
 * throws left are transport failures, which become a 'timeout' or 'network' outcome here. Redirects are
 * not followed: CXone does not redirect API calls, and following one would replay the Authorization
 * header or a POST body somewhere else.
 */
export function createTransport(options: TransportOptions): Transport {
  const http = options.http ?? axios.create();
  const { clock, logger, onRequest } = options;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return {
    async send(request) {
      const started = clock.now();
      let outcome: HttpOutcome;
      try {
        outcome = await exchange(http, request, maxBytes);
      } catch (reason) {
        logger.debug(
          { method: request.method, endpoint: request.endpoint, durationMs: clock.now() - started },
          'cxone request abandoned by its caller',
        );
        throw reason;
      }
      const durationMs = clock.now() - started;
      const requestId = requestIdOf(outcome.headers);
      // Only labels and numbers here: never headers, bodies or the URL (query strings may hold search text).
      logger.debug(
        {
          method: request.method,
          endpoint: request.endpoint,
          status: outcome.status,
          durationMs,
          requestId,
          transportCode: outcome.transportCode,
          ...(outcome.oversize ? { oversizeLimitBytes: outcome.oversize.limitBytes } : {}),
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

/** Why the transport itself aborted an exchange: its deadline passed. */
class ExchangeDeadline extends Error {
  override readonly name = 'ExchangeDeadline';
}

async function exchange(http: AxiosInstance, request: HttpRequest, maxBytes: number): Promise<HttpOutcome> {
  request.signal?.throwIfAborted();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ExchangeDeadline()), request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
  try {
    const response = await http.request<Readable>({
      method: request.method,
      url: request.url,
      headers: request.headers,
      params: request.query,
      data: request.data,
      timeout: request.timeoutMs,
      signal,
      validateStatus: () => true,
      maxRedirects: 0,
      // A stream, read by `readCapped`: axios' buffered modes would hold a 50 MB answer whole first.
      responseType: 'stream',
      maxBodyLength: maxBytes,
    });
    const abortRead = () => response.data.destroy(signal.reason);
    signal.addEventListener('abort', abortRead, { once: true });
    try {
      const { text, oversize } = await readCapped(response.data, maxBytes);
      return {
        status: response.status,
        body: parseBody(text),
        headers: normalizeHeaders(response.headers),
        statusText: response.statusText || undefined,
        ...(oversize ? { oversize: { limitBytes: maxBytes } } : {}),
      };
    } finally {
      signal.removeEventListener('abort', abortRead);
    }
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (deadline.signal.aborted)
      return { status: 'timeout', body: undefined, headers: {}, transportCode: 'ETIMEDOUT' };
    // Keep only the code: the axios error holds the request config (Authorization, client secret).
    const code = readCode(error);
    const status = code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
    return { status, body: undefined, headers: {}, transportCode: code };
  } finally {
    clearTimeout(timer);
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
