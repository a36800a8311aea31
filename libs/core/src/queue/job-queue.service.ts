import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Queue, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { type JobDefinition, jobOptions, QueueName } from './job-registry.js';
import { asConnectionOptions, queueConnection } from './queue-connection.js';

const ENQUEUE_TIMEOUT_MS = 2000;
const ERROR_LOG_INTERVAL_MS = 30_000;

export interface JobToEnqueue {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs of different payload types
  definition: JobDefinition<any>;
  payload: unknown;
  delayMs?: number;
}

/**
 * Enqueues typed jobs. Postgres is the record and the queue store (Redis, or BullMQ's Postgres schema) only says
 * when to look: a failed enqueue is logged and the caller goes on, because the reconcilers find the work in
 * Postgres later.
 *
 * A circuit breaker keeps requests fast while the queue store is away: after a failure (or a connection error)
 * it stops waiting for `ENQUEUE_BREAKER_SECONDS` and defers the work to the reconcilers; then one enqueue at a
 * time goes through in the background as a probe, and its success closes it.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<QueueName, Queue>();
  private readonly redisClients: Redis[] = [];
  private lastErrorLoggedAt = 0;
  private breakerOpenedAt: number | null = null;
  private probing = false;

  constructor(private readonly config: AppConfig) {}

  /** Connects early, so a Redis that is down opens the breaker before the first request waits on it. */
  onModuleInit(): void {
    for (const name of Object.values(QueueName)) this.queue(name);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const connection = queueConnection(this.config, 'producer');
      queue = new Queue(name, {
        prefix: this.config.queuePrefix,
        connection:
          this.config.queueBackend === 'redis' ? this.ownRedisClient(connection) : asConnectionOptions(connection),
      });
      // Attached before any connection attempt can fail: an 'error' without a listener would be printed raw.
      queue.on('error', (error) => this.onConnectionError(name, error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** True while enqueues are deferred to the reconcilers instead of tried. */
  get breakerOpen(): boolean {
    return this.breakerOpenedAt !== null;
  }

  /** Returns false (and logs) when Redis cannot take the job now. */
  async enqueue<P>(definition: JobDefinition<P>, payload: P, delayMs = 0): Promise<boolean> {
    const [done] = await this.enqueueAll([{ definition, payload, delayMs }]);
    return done;
  }

  /** One round trip per queue for any number of jobs; never throws. Call after the surrounding transaction has committed. */
  async enqueueAll(jobs: JobToEnqueue[]): Promise<boolean[]> {
    if (jobs.length === 0) return [];
    if (this.breakerOpenedAt !== null) {
      if (!this.probing && Date.now() - this.breakerOpenedAt >= this.config.enqueueBreakerMs) {
        this.probing = true;
        void this.add(jobs).finally(() => (this.probing = false));
      }
      this.logDeferred(jobs, 'queue store unavailable (circuit open)');
      return jobs.map(() => false);
    }
    return this.add(jobs);
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

  private async add(jobs: JobToEnqueue[]): Promise<boolean[]> {
    const byQueue = new Map<QueueName, JobToEnqueue[]>();
    for (const job of jobs) byQueue.set(job.definition.queue, [...(byQueue.get(job.definition.queue) ?? []), job]);
    try {
      await withTimeout(
        Promise.all(
          [...byQueue].map(([name, batch]) =>
            this.queue(name).addBulk(
              batch.map((j) => ({
                name: j.definition.name,
                data: j.payload,
                opts: jobOptions(j.definition, j.payload, j.delayMs),
              })),
            ),
          ),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      if (this.breakerOpenedAt !== null)
        this.logger.log({ message: 'queue store reachable again; enqueueing resumed' });
      this.breakerOpenedAt = null;
      return jobs.map(() => true);
    } catch (error) {
      this.breakerOpenedAt = Date.now();
      this.logDeferred(jobs, (error as Error).message);
      return jobs.map(() => false);
    }
  }

  private logDeferred(jobs: JobToEnqueue[], reason: string): void {
    this.logger.warn({
      message: 'work deferred: not enqueued, the reconcilers pick it up from Postgres',
      jobs: [...new Set(jobs.map((j) => j.definition.name))],
      count: jobs.length,
      reason,
    });
  }

  private onConnectionError(queue: QueueName, error: Error): void {
    this.breakerOpenedAt ??= Date.now();
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLoggedAt = now;
    this.logger.warn({
      message: 'queue store unreachable; jobs wait in Postgres until it returns',
      backend: this.config.queueBackend,
      queue,
      error: error.message,
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
