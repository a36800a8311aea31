import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { mapDatabaseError } from './pg-error-mapping.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('mapDatabaseError', () => {
  it('answers SERVICE_UNAVAILABLE, in Swedish and English, when Postgres is down or restarting', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new QueryFailedError('SELECT 1', [], withCode('terminating connection due to administrator command', '57P01')),
      new QueryFailedError('SELECT 1', [], withCode('the database system is starting up', '57P03')),
    ]) {
      const mapped = mapDatabaseError(error);
      expect(mapped?.code).toBe('SERVICE_UNAVAILABLE');
      expect(mapped?.messageIn('sv')).toMatch(/Databasen går inte att nå/);
      expect(mapped?.messageIn('en')).toMatch(/cannot be reached/);
    }
  });

  it('leaves other errors alone', () => {
    expect(mapDatabaseError(new Error('something else'))).toBeUndefined();
  });
});
