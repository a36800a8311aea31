import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** TypeORM's pg pool behind a data source (undefined before it connects): the one reach into TypeORM's driver. */
export function poolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}

/** The one way to write: a transaction around the change, its audit entry and its outbox rows. */
@Injectable()
export class Db {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * TypeORM's pg pool, for named prepared statements (`{ name, text, values }`: planned once per connection).
   * Callers count their statements (SqlStatementCounter): the pool bypasses TypeORM's logger.
   */
  get pool(): Pool {
    return poolOf(this.dataSource)!;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/**
 * TypeORM's `query()` answers an UPDATE or DELETE … RETURNING with `[rows, affectedCount]` but an
 * INSERT or SELECT with the rows alone; this gives the rows either way.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
