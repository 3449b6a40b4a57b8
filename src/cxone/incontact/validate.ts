import { z } from 'zod';
import type { StationRef } from '../../agentstate/sessions/model';
import { InvalidInputError } from '../errors';

/**
 * Checks made before any request. Agent, skill, team and unavailable-code ids are integers in this dialect
 * (an agent may also be named by its user UUID); anything else would reach CXone as a confusing 404 or a
 * different path altogether, so it is refused here with the field named.
 */

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Up to 18 digits: CXone's ids are 32- or 64-bit integers; longer input is a typo or an attack. */
const POSITIVE_INTEGER = /^[1-9]\d{0,17}$/;
const INTEGER = /^\d{1,18}$/;
const uuid = z.guid();

export function requireAgentId(value: string, field = 'agentId'): string {
  if (typeof value === 'string' && (POSITIVE_INTEGER.test(value) || uuid.safeParse(value).success))
    return value;
  throw new InvalidInputError(
    `${field} must be a positive integer agent id or a user UUID, got ${shown(value)}`,
    field,
  );
}

/** `asAgentId` of a new session: the integer id only (the session API takes no user UUID there). */
export function requireIntegerAgentId(value: string, field = 'agentId'): string {
  if (typeof value === 'string' && POSITIVE_INTEGER.test(value)) return value;
  throw new InvalidInputError(`${field} must be a positive integer agent id, got ${shown(value)}`, field);
}

/** Skill, team and unavailable-code ids. */
export function requireIntegerId(field: string, value: string): string {
  if (typeof value === 'string' && INTEGER.test(value)) return value;
  throw new InvalidInputError(`${field} must be an integer id, got ${shown(value)}`, field);
}

/** Station ids are short tokens; phone numbers digits with the usual punctuation and an optional `+`. */
const STATION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{2,30}$/;

export function requireStation(station: StationRef): { stationId: string } | { stationPhoneNumber: string } {
  if ('stationId' in station) {
    if (typeof station.stationId === 'string' && STATION_ID.test(station.stationId)) {
      return { stationId: station.stationId };
    }
    throw new InvalidInputError(
      `stationId must be a station id, got ${shown(station.stationId)}`,
      'stationId',
    );
  }
  if (typeof station.phone === 'string' && PHONE.test(station.phone)) {
    return { stationPhoneNumber: station.phone };
  }
  throw new InvalidInputError(`phone must be a phone number, got ${shown(station.phone)}`, 'phone');
}

export function requireDate(field: string, value: Date): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new InvalidInputError(`${field} must be a valid date, got ${shown(value)}`, field);
}
