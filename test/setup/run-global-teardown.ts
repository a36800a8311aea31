import pg from 'pg';
import { Redis } from 'ioredis';
import type { TestEnv } from './test-env.js';

/** Drops the run's database and deletes only the run's queue keys (never FLUSHALL a shared Redis). */
export default async function globalTeardown(): Promise<void> {
  const env = process.env as unknown as TestEnv;
  if (!env.DATABASE_NAME?.startsWith('noden_test_')) return;
  const admin = new pg.Client({ connectionString: env.ADMIN_DATABASE_URL });
  await admin.connect();
  // The template and any per-file copy a crashed test file left behind.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [env.DATABASE_NAME, `${env.DATABASE_NAME}\_%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(env.REDIS_URL);
  await deleteKeys(redis, `${env.QUEUE_PREFIX}:*`);
  await redis.quit();
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
