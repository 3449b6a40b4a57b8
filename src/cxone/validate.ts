import { z } from 'zod';
import { idSchema } from '../agentstate/model';
import { InvalidInputError } from './errors';

/**
 * Input checks made before any request: a malformed id would otherwise reach CXone as a confusing 404
 * (or, unencoded, as a different path altogether).
 */

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export function requireId(field: string, value: string): string {
  if (!idSchema.safeParse(value).success) {
    throw new InvalidInputError(`${field} must be a UUID, got ${shown(value)}`, field);
  }
  return value;
}

const isoDateTime = z.iso.datetime({ offset: true });

export function requireIsoDateTime(field: string, value: string): string {
  if (!isoDateTime.safeParse(value).success) {
    throw new InvalidInputError(
      `${field} must be an ISO 8601 date-time such as 2024-05-01T12:00:00Z, got ${shown(value)}`,
      field,
    );
  }
  return value;
}

export function requireInteger(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidInputError(`${field} must be an integer of at least ${min}, got ${shown(value)}`, field);
  }
  return value;
}
