export { type CxoneClient, type CxoneClientOptions, createCxoneClient } from './client';
export * from './errors';
export type { HttpOutcome, RequestEvent, Transport } from './http';
export {
  createIncontactClient,
  INCONTACT_ASSUMPTIONS,
  INCONTACT_ROUTES,
  type IncontactClient,
  type IncontactClientOptions,
  type IncontactRoute,
} from './incontact';
export { type ErrorContext, type HttpStatus, mapHttpError } from './map-error';
export {
  backoffDelay,
  defaultRetryPolicy,
  isRetryableFailure,
  type RetryPolicy,
  withRetry,
  zeroDelayRetryPolicy,
} from './retry';
export { parseRetryAfter } from './retry-after';
export { ROUTES, TOKEN_ROUTE } from './routes';
export {
  type AccessToken,
  createTokenProvider,
  type TokenProvider,
  type TokenProviderOptions,
  tokenMarginMs,
} from './tokens';
