import {
  type ConnectionOptions,
  createPostgresBackend,
  createRedisBackend,
  type PostgresPoolConfig,
  type RedisOptions,
  setDefaultBackendFactory,
} from 'bullmq';
import type { AppConfig } from '../config/app-config.js';

type PostgresQueueConnection = PostgresPoolConfig & { connectionString: string; schema: string };
export type QueueConnection = RedisOptions | PostgresQueueConnection;

const isPostgresConnection = (connection: unknown): connection is PostgresQueueConnection =>
  typeof connection === 'object' && connection !== null && 'connectionString' in connection && 'schema' in connection;

/**
 * @nestjs/bullmq builds its queues and workers without a backend factory, so BullMQ's process-wide default
 * decides: a Postgres connection (from `queueConnection`) gets the Postgres backend, anything else Redis.
 * One code path for jobs; the configuration alone picks the store.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   BullMQ's backend factory is generic over both stores' option types: the branch decides which one `opts` is. */
setDefaultBackendFactory<any, any>((name: string, opts: any, factoryOpts?: any) =>
  isPostgresConnection(opts.connection)
    ? createPostgresBackend(name, opts, factoryOpts)
    : createRedisBackend(name, opts, factoryOpts),
);
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument */

/**
 * On Postgres, BullMQ ignores the key prefix and namespaces by schema: one schema per `QUEUE_PREFIX`, so
 * installations (and test files) sharing a database never see each other's jobs.
 */
export function queueSchema(prefix: string): string {
  return `bullmq_${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/**
 * The api fails fast when the queue store is down (no offline queue, one retry) instead of holding requests;
 * the worker buffers and reconnects.
 */
export function queueConnection(config: AppConfig, role: 'producer' | 'worker'): QueueConnection {
  if (config.queueBackend === 'postgres') {
    return {
      connectionString: config.queueDatabaseUrl,
      schema: queueSchema(config.queuePrefix),
      // BullMQ's own migrations (schema `bullmq_<prefix>`) run under an advisory lock when a backend connects.
      migrate: true,
      // A worker's pool serves its jobs (followup runs 4 at a time), lock renewal and fetching: 3 halved throughput.
      max: role === 'producer' ? 2 : 6,
      connectionTimeoutMillis: role === 'producer' ? 2000 : 5000,
      idleTimeoutMillis: 30_000,
    };
  }
  return {
    url: config.redisUrl,
    connectTimeout: 5000,
    enableOfflineQueue: role === 'worker',
    ...(role === 'producer' ? { maxRetriesPerRequest: 1 } : {}),
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}

/** The same connection typed as @nestjs/bullmq and BullMQ's constructors expect it (both backends accept it). */
export const asConnectionOptions = (connection: QueueConnection): ConnectionOptions => connection;
