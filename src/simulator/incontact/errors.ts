import { HttpError } from '../http';
import { REFUSALS, type RefusalKind } from './decisions';

/**
 * A refusal as CXone sends it: the status, the reason phrase in the status line (what QA recorded, e.g.
 * "Invalid Agent Id") and `{error, error_description}` in the body.
 */
export function refusalError(
  kind: RefusalKind,
  detail: string,
  extra: Record<string, unknown> = {},
  status?: number,
): HttpError {
  const { error, reason, status: usual } = REFUSALS[kind];
  return new HttpError(
    status ?? usual,
    { error, error_description: `${reason}: ${detail}`, ...extra },
    {},
    { reason },
  );
}

/** OAuth errors (RFC 6749 §5.2) from the token endpoint. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): HttpError {
  return new HttpError(status, { error, error_description: description }, headers);
}
