import type { RedisOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config.js';

/**
 * The api fails fast when Redis is down (no offline queue, one retry) instead of holding requests;
 * the worker buffers and reconnects.
 */
export function queueConnection(config: AppConfig, role: 'producer' | 'worker'): RedisOptions {
  return {
    url: config.redisUrl,
    connectTimeout: 5000,
    enableOfflineQueue: role === 'worker',
    ...(role === 'producer' ? { maxRetriesPerRequest: 1 } : {}),
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}
