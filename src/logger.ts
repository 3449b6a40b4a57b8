import pino, { type DestinationStream, type Logger } from 'pino';
import { summarizeBody } from './cxone/body-summary';

export type { Logger } from 'pino';

/**
 * Paths that may carry credentials anywhere in a log record. pino's redact takes one wildcard per
 * segment, so the common nestings are listed explicitly rather than hoping for a deep match.
 */
export const REDACT_PATHS = [
  'token',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'botToken',
  'signingSecret',
  'appToken',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.Authorization',
  '*.botToken',
  '*.signingSecret',
  '*.appToken',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'err.config.data',
  'err.request',
  'err.response.config',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.appToken',
  'config.cxone.clientSecret',
];

export interface LoggerOptions {
  level?: string;
  name?: string;
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      name: opts.name ?? 'agentstate',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    opts.destination,
  );
}

/**
 * pino's error serializer, with a response body carried by the error (CXone errors keep one) printed as a
 * redacted, bounded summary: errors built elsewhere may hold a body as received, megabytes of it.
 */
function serializeError(err: unknown) {
  const serialized = pino.stdSerializers.err(err as Error) as ReturnType<typeof pino.stdSerializers.err> & {
    body?: unknown;
  };
  if (serialized && typeof serialized === 'object' && 'body' in serialized) {
    serialized.body = summarizeBody(serialized.body);
  }
  return serialized;
}
