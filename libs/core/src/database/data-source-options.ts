import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Finds the project's root (the folder with `migrations/`, in the source tree or in `dist/`). */
const here = dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_GLOB = join(here, '..', '..', '..', '..', 'migrations', '*.{js,ts}');

/** Options for migrations and seeds (no entities needed): the CLI, `data-source.ts` and the test setup. */
export function migrationDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
  };
}
