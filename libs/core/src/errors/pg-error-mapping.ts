import { QueryFailedError } from 'typeorm';
import { CoreError, DomainError } from './domain-error.js';

interface PgDriverError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** Postgres cannot serve now (stopped, restarting, too many connections, network): SERVICE_UNAVAILABLE, not a bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
/** Also pg-pool's own words when no connection frees up within `connectionTimeoutMillis` (the pool is exhausted). */
const UNAVAILABLE_MESSAGE = /^(Connection terminated|connection timeout|timeout exceeded when trying to connect)/i;

function isUnavailable(error: unknown): boolean {
  // Socket errors come from Node itself, not always an `instanceof Error` of this realm: look at code and message.
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError] as (
    { code?: unknown; message?: unknown } | null | undefined
  )[];
  return candidates.some(
    (e) =>
      !!e &&
      typeof e === 'object' &&
      (UNAVAILABLE_CODES.has(String(e.code)) || (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message))),
  );
}

/** A safety net: database errors caused by input become client errors that reveal no SQL. */
export function mapDatabaseError(error: unknown): DomainError | undefined {
  if (isUnavailable(error)) return CoreError.DATABASE_UNAVAILABLE();
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = (error as QueryFailedError & { driverError?: PgDriverError }).driverError ?? {};
  const field = driver.column ?? constraintField(driver.constraint);
  switch (driver.code) {
    case '23505':
      return CoreError.ALREADY_EXISTS({ field, params: { entity: driver.constraint ?? 'record' } });
    case '23503':
      return CoreError.REFERENCE_NOT_FOUND({ field, params: { field: field ?? 'id' } });
    case '22001':
      return CoreError.VALUE_TOO_LONG({ field });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22021':
    case '23514':
    case '23502':
      return CoreError.INVALID_VALUE({ field });
    case '40001':
    case '40P01':
      return CoreError.CONCURRENT_CHANGE();
    default:
      return undefined;
  }
}

function constraintField(constraint: string | undefined): string | undefined {
  // Constraint names follow `<table>_<column>_fk|_key|_check`: the column is what the user can fix.
  const match = constraint?.match(/^[a-z]+(?:_[a-z]+)*?_([a-z_]+?)_(?:fk|key|check|uq)$/);
  return match?.[1];
}
