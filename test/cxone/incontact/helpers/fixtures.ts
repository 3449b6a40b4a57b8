import axios from 'axios';
import nock from 'nock';
import {
  createIncontactClient,
  type IncontactClientOptions,
  type RequestEvent,
  zeroDelayRetryPolicy,
} from '../../../../src/cxone';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock';
import { captureLogs } from '../../helpers/fixtures';

export const AUTH_URL = 'https://auth.cxone.test';
export const TOKEN_URL = `${AUTH_URL}/auth/token`;
export const API_URL = 'https://api-na1.cxone.test';
export const API_VERSION = 'v27.0';
export const SERVICES = `/inContactAPI/services/${API_VERSION}`;
export const TENANT_ID = '11eb0000-aaaa-4bbb-8ccc-000000000042';

export const CLIENT_ID = 'registered-app-client-id';
export const CLIENT_SECRET = 'client-secret-VALUE-9f8e7d';
export const ACCESS_KEY_ID = 'ACCESSKEYID123';
export const ACCESS_KEY_SECRET = 'access-key-secret-Q1w2E3r4+/=';
export const REFRESH_TOKEN = 'refresh-token-RRR-111';
export const REFRESH_TOKEN_2 = 'refresh-token-RRR-222';

/** An unsigned JWT whose payload holds `claims` (the adapter decodes, never verifies). */
export function jwt(claims: Record<string, unknown>, marker = 'sig'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${marker}`;
}

export const TOKEN = jwt({ tenantId: TENANT_ID, sub: 'user:api' }, 'first');
export const TOKEN_2 = jwt({ tenantId: TENANT_ID, sub: 'user:api' }, 'second');
export const TOKEN_3 = jwt({ tenantId: TENANT_ID, sub: 'user:api' }, 'third');

export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

export function tokenBody(
  accessToken = TOKEN,
  expiresIn = 3600,
  refreshToken: string | null = REFRESH_TOKEN,
) {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: expiresIn,
    refresh_token: refreshToken,
    id_token: jwt({ sub: 'user:api' }, 'id'),
  };
}

/** `GET /.well-known/openid-configuration`, answered `times` times. */
export function openidScope(times = 1, body: object = { issuer: AUTH_URL, token_endpoint: TOKEN_URL }) {
  return nock(AUTH_URL).get('/.well-known/openid-configuration').times(times).reply(200, body);
}

/** `GET /.well-known/cxone-configuration?tenantId=…`. */
export function cxoneConfigScope(
  tenantId = TENANT_ID,
  body: object = { api_endpoint: API_URL, area: 'na1' },
) {
  return nock(AUTH_URL).get('/.well-known/cxone-configuration').query({ tenantId }).reply(200, body);
}

type Form = Record<string, string>;

/** The password grant with the client credentials as HTTP Basic (the default), answered with `body`. */
export function passwordGrant(accessToken = TOKEN, options: { times?: number; expiresIn?: number } = {}) {
  return nock(AUTH_URL, { reqheaders: { authorization: BASIC } })
    .post(
      '/auth/token',
      (form: Form) =>
        form.grant_type === 'password' &&
        form.username === ACCESS_KEY_ID &&
        form.password === ACCESS_KEY_SECRET &&
        form.client_secret === undefined,
    )
    .times(options.times ?? 1)
    .reply(200, tokenBody(accessToken, options.expiresIn));
}

/** The password grant with `client_id`/`client_secret` in the form body and no Authorization header. */
export function passwordGrantInBody(accessToken = TOKEN) {
  return nock(AUTH_URL, { badheaders: ['authorization'] })
    .post(
      '/auth/token',
      (form: Form) =>
        form.grant_type === 'password' &&
        form.username === ACCESS_KEY_ID &&
        form.password === ACCESS_KEY_SECRET &&
        form.client_id === CLIENT_ID &&
        form.client_secret === CLIENT_SECRET,
    )
    .reply(200, tokenBody(accessToken));
}

/** Discovery and a first token: what every scenario that is not about them needs. */
export function connected(accessToken = TOKEN) {
  return [openidScope(), passwordGrant(accessToken), cxoneConfigScope()];
}

/** API scope insisting on the bearer token and `Accept: application/json`. */
export function api(accessToken = TOKEN) {
  return nock(API_URL, {
    reqheaders: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
}

export interface TestClient {
  client: ReturnType<typeof createIncontactClient>;
  clock: FakeClock;
  logs: ReturnType<typeof captureLogs>;
  events: RequestEvent[];
}

export function makeClient(overrides: Partial<IncontactClientOptions> = {}): TestClient {
  const clock = createFakeClock();
  const logs = captureLogs();
  const events: RequestEvent[] = [];
  const client = createIncontactClient({
    authUrl: AUTH_URL,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    apiVersion: API_VERSION,
    logger: logs.logger,
    http: axios.create(),
    retry: zeroDelayRetryPolicy,
    clock,
    timeoutMs: 10_000,
    onRequest: (e) => events.push(e),
    ...overrides,
  });
  return { client, clock, logs, events };
}

/** A state entry as `GET /agents/{agentId}/states` sends it, for an agent that is Available. */
export function wireState(overrides: Record<string, unknown> = {}) {
  return {
    agentId: 1001,
    agentStateId: 1,
    agentStateName: 'Available',
    startDate: '2025-03-01T11:30:00.000Z',
    outStateId: 0,
    outStateDescription: null,
    skillId: null,
    skillName: null,
    contactId: null,
    stationId: 'STATION7',
    stationPhoneNumber: '5551234',
    teamId: 12,
    teamName: 'Tier 1',
    isACW: false,
    lastUpdateTime: '2025-03-01T11:30:00.000Z',
    ...overrides,
  };
}

export function wireAgent(overrides: Record<string, unknown> = {}) {
  return {
    agentId: 1001,
    userID: '0f8fad5b-d9cb-469f-a165-70867728950e',
    userName: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    emailAddress: 'ada@example.com',
    isActive: true,
    teamId: 12,
    teamName: 'Tier 1',
    isSupervisor: false,
    lastLogin: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}
