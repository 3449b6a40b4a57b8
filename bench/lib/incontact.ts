import axios, { type AxiosInstance } from 'axios';
import { systemClock } from '../../src/agentstate/ports';
import { createSessionService } from '../../src/agentstate/sessions';
import { createIncontactClient, type RequestEvent } from '../../src/cxone';
import { createLogger } from '../../src/logger';
import type { IncontactCredentials } from '../../src/simulator';
import type { AuditEntryInput, AuditLog } from '../../src/store/port';

/** The service-path version the app uses by default (CXONE_API_VERSION). */
export const API_VERSION = 'v27.0';
export const VERIFY_TIMEOUT_MS = 15_000;
const logger = createLogger({ level: 'silent' });

/**
 * Counts what the incontact client sends: every exchange by endpoint label (the client's `onRequest` hook),
 * and the requests in flight — a start when axios is handed the request (a wrapping instance's request
 * interceptor), an end when the client has read the whole answer (`onRequest`). Both ends err on the side
 * of counting a request in flight a little longer than the wire does, so the peak is an upper bound.
 */
export interface RequestMeter {
  http: AxiosInstance;
  onRequest: (event: RequestEvent) => void;
  /** Exchanges since the last `reset()`. */
  events: RequestEvent[];
  inFlight: number;
  peakInFlight: number;
  /** Starts the counts (and the peak) afresh; requests still in flight stay counted. */
  reset(): void;
}

export function createRequestMeter(): RequestMeter {
  const http = axios.create();
  const meter: RequestMeter = {
    http,
    events: [],
    inFlight: 0,
    peakInFlight: 0,
    onRequest: (event) => {
      meter.events.push(event);
      meter.inFlight -= 1;
    },
    reset() {
      meter.events = [];
      meter.peakInFlight = meter.inFlight;
    },
  };
  http.interceptors.request.use((config) => {
    meter.inFlight += 1;
    meter.peakInFlight = Math.max(meter.peakInFlight, meter.inFlight);
    return config;
  });
  return meter;
}

/** The app's incontact stack as `main.ts` wires it: the adapter and the session-model use cases. */
export function incontactStack(
  url: string,
  demo: IncontactCredentials,
  opts: { impersonation?: boolean; meter?: RequestMeter } = {},
) {
  const meter = opts.meter ?? createRequestMeter();
  const cxone = createIncontactClient({
    authUrl: url,
    ...demo,
    apiVersion: API_VERSION,
    logger,
    http: meter.http,
    onRequest: meter.onRequest,
  });
  const service = createSessionService({
    cxone,
    clock: systemClock,
    logger,
    verifyTimeoutMs: VERIFY_TIMEOUT_MS,
    impersonation: opts.impersonation ?? false,
  });
  return { cxone, service, meter };
}

/**
 * A client written by hand the way the adapter gets its token — discovery of the token endpoint, the
 * access-key password grant with the application's credentials as HTTP Basic, the tenant from the token,
 * discovery of the API host — then plain GETs with that bearer token on a keep-alive axios instance.
 */
export async function rawIncontact(url: string, demo: IncontactCredentials) {
  const openid = await axios.get(`${url}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  });
  const token = await axios.post(
    openid.data.token_endpoint,
    new URLSearchParams({
      grant_type: 'password',
      username: demo.accessKeyId,
      password: demo.accessKeySecret,
    }).toString(),
    {
      auth: { username: demo.clientId, password: demo.clientSecret },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    },
  );
  const accessToken: string = token.data.access_token;
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const located = await axios.get(`${url}/.well-known/cxone-configuration`, {
    params: { tenantId: claims.tenantId ?? claims.icBUId },
    headers: { Accept: 'application/json' },
  });
  const base = `${String(located.data.api_endpoint).replace(/\/+$/, '')}/inContactAPI/services/${API_VERSION}`;
  const http = axios.create({
    baseURL: base,
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  return {
    /** `path` relative to the service prefix, e.g. `/agents/1001/states`. */
    get: <T = unknown>(path: string, params?: Record<string, string | number>) =>
      http.get<T>(path, { params }),
  };
}

/** An audit log that keeps its entries in memory, for `fixFloor`'s recorder. */
export function memoryAudit(): AuditLog & { entries: AuditEntryInput[] } {
  const entries: AuditEntryInput[] = [];
  return {
    entries,
    record: async (entry) => {
      entries.push(entry);
      return { ...entry, id: entries.length };
    },
    latest: async () => [],
  };
}

/** The wire fields of `GET /agents/states` the benchmarks read to pick agents. */
export interface WireState {
  agentId: number;
  agentStateName: string;
  isActive?: boolean;
  teamId?: number;
  teamName?: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
