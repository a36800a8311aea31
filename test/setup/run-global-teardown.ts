import pg from 'pg';
import { deleteKeysMatching } from '../support/redis-keys.js';
import type { TestEnv } from './test-env.js';

/** Drops the run's databases and deletes only the run's queue keys (never FLUSHALL a shared Redis). */
export default async function globalTeardown(): Promise<void> {
  const env = process.env as unknown as TestEnv;
  if (!env.DATABASE_NAME?.startsWith('noden_test_')) return;
  const admin = new pg.Client({ connectionString: env.ADMIN_DATABASE_URL });
  await admin.connect();
  // The template and any per-file copy a crashed test file left behind.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
    env.DATABASE_NAME,
    `${env.DATABASE_NAME}\\_%`,
  ]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
  // The run's prefix and every per-file prefix derived from it (`<prefix>-<file>`, `<prefix>.followup`).
  await deleteKeysMatching(`${env.QUEUE_PREFIX}*`, env.REDIS_URL);
}
