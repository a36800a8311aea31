import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { type JobDefinition, jobOptions, QueueName } from './job-registry.js';
import { asConnectionOptions, queueConnection } from './queue-connection.js';

const ENQUEUE_TIMEOUT_MS = 2000;
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Enqueues typed jobs. Postgres is the record and the queue store (Redis, or BullMQ's Postgres schema) only says
 * when to look: a failed enqueue is logged and the caller goes on, because the reconcilers find the work in Postgres later.
 */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly redisClients: Redis[] = [];
  private lastErrorLoggedAt = 0;

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const connection = queueConnection(this.config, 'producer');
      queue = new Queue(name, { prefix: this.config.queuePrefix, connection: this.config.queueBackend === 'redis' ? this.ownRedisClient(connection as RedisOptions) : asConnectionOptions(connection) });
      // Attached before any connection attempt can fail: an 'error' without a listener would be printed raw.
      queue.on('error', (error) => this.logConnectionError(name, error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Returns false (and logs) when the queue store cannot take the job now. */
  async enqueue<P>(definition: JobDefinition<P>, payload: P, delayMs = 0): Promise<boolean> {
    try {
      await withTimeout(this.queue(definition.queue).add(definition.name, payload, jobOptions(definition, payload, delayMs)), ENQUEUE_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn({ message: 'enqueue failed; the reconciler will pick the work up from Postgres', job: definition.name, error: (error as Error).message });
      return false;
    }
  }

  /** Enqueues after the surrounding transaction has committed; never throws. */
  enqueueAll(jobs: { definition: JobDefinition<any>; payload: unknown; delayMs?: number }[]): Promise<boolean[]> {
    return Promise.all(jobs.map((j) => this.enqueue(j.definition, j.payload, j.delayMs)));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    for (const client of this.redisClients) client.disconnect();
  }

  /**
   * The queue gets a client we own: `Queue.close()` leaves the reconnect timer of a Redis that never answered
   * running (up to the retry delay), which kept test processes and shutting-down apps alive; `disconnect()` clears it.
   */
  private ownRedisClient({ url, ...options }: RedisOptions & { url?: string }): Redis {
    const client = new Redis(url!, options);
    client.on('error', () => undefined);
    this.redisClients.push(client);
    return client;
  }

  private logConnectionError(queue: QueueName, error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLoggedAt = now;
    this.logger.warn({ message: 'queue store unreachable; jobs wait in Postgres until it returns', backend: this.config.queueBackend, queue, error: error.message });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
