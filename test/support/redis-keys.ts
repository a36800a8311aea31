import pg from 'pg';
import { Redis } from 'ioredis';
import { queueSchema } from '../../libs/core/src/queue/queue-connection.js';

/**
 * Deletes everything the queue store holds under the prefix, as if Redis lost its data: SCAN + DEL on Redis
 * (never FLUSHALL on a shared Redis), on the Postgres backend every row of the prefix's BullMQ schema in the
 * file's own database (its migrations stay). Answers how many keys or rows went.
 */
export function deleteQueueKeys(prefix: string): Promise<number> {
  return process.env.QUEUE_BACKEND === 'postgres' ? deleteQueueRows(prefix) : deleteKeysMatching(`${prefix}:*`);
}

export async function deleteKeysMatching(pattern: string, redisUrl = process.env.REDIS_URL): Promise<number> {
  if (!redisUrl) return 0;
  const redis = new Redis(redisUrl);
  let cursor = '0';
  let deleted = 0;
  try {
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

async function deleteQueueRows(prefix: string, databaseUrl = process.env.DATABASE_URL!): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const schema = queueSchema(prefix);
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'migration'`,
      [schema],
    );
    if (rows.length === 0) return 0;
    const tables = rows.map((r) => `"${schema}"."${r.table_name}"`);
    const [{ count }] = (
      await client.query(
        `SELECT (SELECT count(*) FROM "${schema}".job) + (SELECT count(*) FROM "${schema}".scheduler) AS count`,
      )
    ).rows;
    await client.query(`TRUNCATE ${tables.join(', ')}`);
    return Number(count);
  } finally {
    await client.end();
  }
}
