import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from '#core';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * For the TypeORM CLI (`npm run migration:*`). The entities are listed so that `migration:generate` compares
 * them with the database (without them it would propose dropping every table).
 */
export default new DataSource({
  ...migrationDataSourceOptions(process.env.DATABASE_URL ?? ''),
  entities: [join(root, 'libs', '*', 'src', '**', '*.entity.{ts,js}')],
});
