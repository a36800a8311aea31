import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError } from './app-config.js';
import { queueConnection, queueSchema } from '../queue/queue-connection.js';

const base = { DATABASE_URL: 'postgres://postgres@db:5432/noden', JWT_SECRET: 'x'.repeat(32) };

describe('AppConfig: the queue backend', () => {
  it('runs the queues on Redis when REDIS_URL is set, on Postgres (the app database) when it is not', () => {
    expect(AppConfig.fromEnv({ ...base, REDIS_URL: 'redis://r:6379' })).toMatchObject({
      queueBackend: 'redis',
      redisUrl: 'redis://r:6379',
    });
    expect(AppConfig.fromEnv(base)).toMatchObject({
      queueBackend: 'postgres',
      queueDatabaseUrl: base.DATABASE_URL,
      redisUrl: undefined,
    });
  });

  it('takes QUEUE_BACKEND and QUEUE_DATABASE_URL when given', () => {
    const config = AppConfig.fromEnv({
      ...base,
      REDIS_URL: 'redis://r:6379',
      QUEUE_BACKEND: 'postgres',
      QUEUE_DATABASE_URL: 'postgres://q/queues',
    });
    expect(config).toMatchObject({ queueBackend: 'postgres', queueDatabaseUrl: 'postgres://q/queues' });
  });

  it('names the problem when Redis is chosen without REDIS_URL, or the backend is unknown', () => {
    expect(() => AppConfig.fromEnv({ ...base, QUEUE_BACKEND: 'redis' })).toThrow(
      'REDIS_URL is required when QUEUE_BACKEND=redis',
    );
    expect(() => AppConfig.fromEnv({ ...base, QUEUE_BACKEND: 'kafka' })).toThrow(ConfigError);
  });

  it('gives BullMQ on Postgres a schema per QUEUE_PREFIX and a Redis connection otherwise', () => {
    expect(queueSchema('noden-test-abc.followup')).toBe('bullmq_noden_test_abc_followup');
    expect(queueConnection(AppConfig.fromEnv({ ...base, QUEUE_PREFIX: 'sormland' }), 'worker')).toMatchObject({
      connectionString: base.DATABASE_URL,
      schema: 'bullmq_sormland',
      migrate: true,
    });
    expect(queueConnection(AppConfig.fromEnv({ ...base, REDIS_URL: 'redis://r:6379' }), 'producer')).toMatchObject({
      url: 'redis://r:6379',
      enableOfflineQueue: false,
    });
  });
});
