import type nock from 'nock';
import type { EndpointCase } from './endpoints';

/** An interceptor for the case's method, path and query on `scope`. */
export function intercept(scope: nock.Scope, c: EndpointCase): nock.Interceptor {
  const interceptor = scope.intercept(c.path, c.method);
  return c.query === undefined ? interceptor : interceptor.query(c.query);
}

/** Replies with the case's success answer. */
export function replySuccess(scope: nock.Scope, c: EndpointCase): nock.Scope {
  return intercept(scope, c).reply(c.success.status, c.success.body as nock.Body);
}
