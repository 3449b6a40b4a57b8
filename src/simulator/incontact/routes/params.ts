import { readBody } from '../../http';
import type { RouteContext } from '../../router';
import { DEFAULT_TOP, MAX_TOP } from '../decisions';
import { refusalError } from '../errors';

/** `skip` and `top` of list calls. */
export function paging(ctx: RouteContext): { skip: number; top: number } {
  return {
    skip: intParam(ctx, 'skip', 0, 0, Number.MAX_SAFE_INTEGER),
    top: intParam(ctx, 'top', DEFAULT_TOP, 1, MAX_TOP),
  };
}

function intParam(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw refusalError('invalidParameter', `${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function boolParam(ctx: RouteContext, name: string): boolean | undefined {
  const raw = ctx.query.get(name)?.toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw refusalError('invalidParameter', `${name} must be true or false, got "${raw}"`);
}

/**
 * ISO 8601, date only or date-time (no zone = UTC): `Date.parse` alone would also take "March 7" or "1",
 * and the real API's answer to those is not known.
 */
export function parseDate(raw: string): number | undefined {
  if (
    !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(raw.trim())
  )
    return undefined;
  const text = raw.trim().replace(' ', 'T');
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`;
  const at = Date.parse(zoned);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * The fields of a POST: a JSON object, or a form (`application/x-www-form-urlencoded`), or, with no body,
 * the query string — QA's tests send them as "body params" and older clients as query parameters.
 */
export async function readFields(ctx: RouteContext): Promise<Record<string, unknown>> {
  const text = await readBody(ctx.req);
  const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (!text.trim()) return Object.fromEntries(ctx.query);
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refusalError('invalidRequest', 'the body is neither JSON nor a form');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw refusalError('invalidRequest', 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** An integer field sent as a number or a numeric string (forms only have strings). */
export function intField(fields: Record<string, unknown>, name: string): number | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)
        ? Number(raw)
        : Number.NaN;
  if (!Number.isSafeInteger(value))
    throw refusalError('invalidRequest', `${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function stringField(fields: Record<string, unknown>, name: string): string | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number')
    throw refusalError('invalidRequest', `${name} must be a string, got ${JSON.stringify(raw)}`);
  return String(raw);
}
