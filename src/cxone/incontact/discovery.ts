import type { z } from 'zod';
import type { Clock } from '../../agentstate/ports';
import { DiscoveryError } from '../errors';
import type { Transport } from '../http';
import { type RetryPolicy, withRetry } from '../retry';
import { TENANT_ID_CLAIMS } from './assumptions';
import { mapIncontactError } from './map-error';
import { cxoneConfigurationSchema, openidConfigurationSchema } from './schemas';
import type { SecretScrubber } from './secrets';

/**
 * Where a tenant's tokens and API live, found from the auth host (CXONE-INCONTACT.md, "Authentication and
 * discovery"). Each document is fetched once per process, single-flight; a failure is not cached, so the
 * next call tries again.
 */
export interface Discovery {
  /** `token_endpoint` of `{authUrl}/.well-known/openid-configuration`. */
  tokenEndpoint(): Promise<string>;
  /** `api_endpoint` of `{authUrl}/.well-known/cxone-configuration?tenantId=`, without a trailing slash. */
  apiEndpoint(tenantId: string): Promise<string>;
}

export interface DiscoveryOptions {
  authUrl: string;
  transport: Transport;
  policy: RetryPolicy;
  clock: Clock;
  timeoutMs: number;
  scrub: SecretScrubber;
}

export const OPENID_ENDPOINT = 'GET /.well-known/openid-configuration';
export const CXONE_CONFIGURATION_ENDPOINT = 'GET /.well-known/cxone-configuration';

export function createDiscovery(options: DiscoveryOptions): Discovery {
  const { transport, policy, clock, timeoutMs, scrub } = options;
  const authUrl = options.authUrl.replace(/\/+$/, '');

  async function getDocument<S extends z.ZodType>(
    path: string,
    endpoint: string,
    query: Record<string, string> | undefined,
    schema: S,
  ): Promise<z.output<S>> {
    const outcome = await withRetry({ policy, clock, idempotent: true }, async ({ remainingMs }) => {
      const sent = await transport.send({
        method: 'GET',
        url: `${authUrl}${path}`,
        endpoint,
        timeoutMs: Math.max(1, Math.min(timeoutMs, remainingMs)),
        headers: { Accept: 'application/json' },
        query,
      });
      const { status } = sent;
      if (typeof status === 'number' && status >= 200 && status < 300) return sent;
      throw mapIncontactError(sent, {
        stage: 'discovery',
        scrub,
        ctx: { endpoint, nowMs: clock.now(), transportCode: sent.transportCode },
      });
    });
    const parsed = schema.safeParse(outcome.body);
    if (parsed.success) return parsed.data;
    const fields = [
      ...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(body)')),
    ];
    throw new DiscoveryError(
      `${endpoint}: the discovery document lacks a valid ${fields.join(', ')}`,
      fields,
      { status: outcome.status as number, body: scrub.value(outcome.body), endpoint },
    );
  }

  const tokenEndpoint = once(async () => {
    const document = await getDocument(
      '/.well-known/openid-configuration',
      OPENID_ENDPOINT,
      undefined,
      openidConfigurationSchema,
    );
    return document.token_endpoint;
  });

  let apiEndpoint: (() => Promise<string>) | undefined;

  return {
    tokenEndpoint,
    apiEndpoint(tenantId) {
      // The tenant of a process never changes (one access key), so the first lookup is the only one.
      apiEndpoint ??= once(async () => {
        const document = await getDocument(
          '/.well-known/cxone-configuration',
          CXONE_CONFIGURATION_ENDPOINT,
          { tenantId },
          cxoneConfigurationSchema,
        );
        return document.api_endpoint.replace(/\/+$/, '');
      });
      return apiEndpoint();
    },
  };
}

/**
 * The tenant named by an access token: its JWT payload's tenant claim (see TENANT_ID_CLAIMS). Only the
 * payload is decoded — the token came straight from the token endpoint over TLS and CXone checks its
 * signature on every call, so verifying it here would add a key download and nothing else.
 * Returns undefined when the token is not a JWT or has no such claim.
 */
export function tenantIdOf(accessToken: string): string | undefined {
  const payload = accessToken.split('.')[1];
  if (payload === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (claims === null || typeof claims !== 'object') return undefined;
  for (const claim of TENANT_ID_CLAIMS) {
    const value = (claims as Record<string, unknown>)[claim];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
  }
  return undefined;
}

export function missingTenantError(): DiscoveryError {
  return new DiscoveryError(
    `the access token names no tenant: it has no ${TENANT_ID_CLAIMS.join(' or ')} claim, so the API endpoint cannot be discovered`,
    [TENANT_ID_CLAIMS[0]],
    {
      remediation:
        "The access token CXone issued carries no tenantId claim. Set CXONE_BASE_URL to your tenant's API endpoint (e.g. https://api-na1.niceincontact.com, shown in CXone Admin under the API application) to skip this lookup, and report the token's claim names.",
    },
  );
}

/** Single-flight memo of an async step: one run at a time, the result kept, a failure forgotten. */
export function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= run().catch((error: unknown) => {
      result = undefined;
      throw error;
    });
    return result;
  };
}
