import {
  AuthError,
  BadRequestError,
  ConflictError,
  InvalidResponseError,
  MissingScopeError,
  mapHttpError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
} from '../../src/cxone';

const ctx = { endpoint: 'GET /api/v2/agents/{agentId}/states', nowMs: Date.parse('2025-03-01T12:00:00Z') };

describe('mapHttpError', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthError],
    [403, MissingScopeError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitedError],
    [500, UnavailableError],
    [502, UnavailableError],
    [503, UnavailableError],
    [504, UnavailableError],
    [422, BadRequestError],
    [302, InvalidResponseError],
  ])('maps %d to %p', (status, type) => {
    const error = mapHttpError(status, { error: 'x', message: 'said so' }, { 'x-request-id': 'r-9' }, ctx);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, requestId: 'r-9', endpoint: ctx.endpoint });
    expect(error.message).toContain('said so');
    expect(error.message).toContain('r-9');
  });

  it('maps a timeout and a network failure to UnavailableError with their reasons', () => {
    expect(mapHttpError('timeout', undefined, {}, ctx)).toMatchObject({
      reason: 'timeout',
      status: undefined,
    });
    const network = mapHttpError('network', undefined, {}, { ...ctx, transportCode: 'ECONNRESET' });
    expect(network).toMatchObject({ reason: 'network' });
    expect(network.message).toContain('ECONNRESET');
  });

  it('names the route scope on 403 and the route resource on 404', () => {
    const forbidden = mapHttpError(403, {}, {}, { ...ctx, scope: 'Agent-Write' });
    expect(forbidden).toMatchObject({ scope: 'Agent-Write' });
    const missing = mapHttpError(404, {}, {}, { ...ctx, notFound: { resource: 'skill', id: 'abc' } });
    expect(missing).toMatchObject({ resource: 'skill', id: 'abc' });
  });

  it('reads the conflicting skill from the 409 body', () => {
    expect(mapHttpError(409, { skillId: 'sk-1' }, {}, ctx)).toMatchObject({ conflictingSkillId: 'sk-1' });
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(mapHttpError(429, {}, { 'retry-after': '5' }, ctx)).toMatchObject({ retryAfterMs: 5_000 });
    const date = new Date(ctx.nowMs + 9_000).toUTCString();
    expect(mapHttpError(429, {}, { 'retry-after': date }, ctx)).toMatchObject({ retryAfterMs: 9_000 });
  });

  it('treats 400/401/403 from the token endpoint as refused credentials, quoting only the OAuth error code', () => {
    for (const status of [400, 401, 403]) {
      const error = mapHttpError(
        status,
        { error: 'invalid_client', error_description: 'unknown client' },
        {},
        { endpoint: 'POST /oauth/token', isTokenEndpoint: true, nowMs: 0 },
      );
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain('invalid_client');
      expect(error.message).not.toContain('unknown client');
      expect(error.body).toEqual({ error: 'invalid_client' });
    }
  });

  it('keeps only status, request id, body and endpoint: no transport config, no credentials', () => {
    const error = mapHttpError(
      500,
      { error: 'boom', access_token: 'leaked-token', client_secret: 'leaked-secret' },
      { 'x-request-id': 'r-1', authorization: 'Bearer leaked-token' },
      ctx,
    );
    expect(Object.keys(error).sort()).toEqual(
      ['body', 'endpoint', 'name', 'reason', 'remediation', 'requestId', 'status', 'code'].sort(),
    );
    expect(JSON.stringify(error)).not.toMatch(/leaked/);
    expect(error.message).not.toMatch(/leaked/);
  });

  it('cuts an HTML error page down to a readable size', () => {
    const page = `<html>${'x'.repeat(50_000)}</html>`;
    const error = mapHttpError(502, page, {}, ctx);
    expect(String(error.body).length).toBeLessThan(2_100);
  });
});
