import { Redis } from 'ioredis';

/** Deletes every key under the prefix (SCAN + DEL, never FLUSHALL on a shared Redis): as if Redis lost its data. */
export function deleteQueueKeys(prefix: string, redisUrl = process.env.REDIS_URL!): Promise<number> {
  return deleteKeysMatching(`${prefix}:*`, redisUrl);
}

export async function deleteKeysMatching(pattern: string, redisUrl = process.env.REDIS_URL!): Promise<number> {
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
