import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from '#core';

/** For the TypeORM CLI (`npm run migration:*`): migrations only, no entities. */
export default new DataSource(migrationDataSourceOptions(process.env.DATABASE_URL ?? ''));
