import { Controller, Get, Inject, type OnModuleDestroy, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../auth/decorators.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../clock/clock.js';
import { Db } from '../database/db.service.js';
import { JobQueue } from '../queue/job-queue.service.js';
import { QueueName } from '../queue/job-registry.js';
import { HEARTBEAT_EVERY_MS } from './heartbeat.job.js';
import { WorkerHeartbeat } from './worker-heartbeat.entity.js';

const CHECK_TIMEOUT_MS = 1500;

@Controller()
export class HealthController implements OnModuleDestroy {
  private readonly redis?: Redis;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    if (config.queueBackend === 'redis') {
      this.redis = new Redis(config.redisUrl!, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000 });
      this.redis.on('error', () => undefined);
    }
  }

  /** Liveness: the process answers. */
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * Readiness: Postgres and the queue store in use reachable (`redis`, or `postgresQueues`: BullMQ's schema,
   * queried through the api's own queue); the worker's last heartbeat is reported alongside.
   */
  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, queues, heartbeat] = await Promise.all([
      check(() => this.db.manager.query('SELECT 1')),
      check(() => this.probeQueueStore()),
      this.db.manager.findOneBy(WorkerHeartbeat, { worker: 'worker' }).catch(() => null),
    ]);
    const lastBeatAt = heartbeat?.lastBeatAt ?? null;
    const workerAlive = !!lastBeatAt && this.clock.now().getTime() - lastBeatAt.getTime() < HEARTBEAT_EVERY_MS * 4;
    const ok = postgres.ok && queues.ok;
    await reply.status(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not ready',
      queueBackend: this.config.queueBackend,
      checks: { postgres, [this.config.queueBackend === 'redis' ? 'redis' : 'postgresQueues']: queues },
      worker: { lastHeartbeatAt: lastBeatAt, alive: workerAlive },
    });
  }

  private async probeQueueStore(): Promise<void> {
    if (!this.redis) {
      await this.jobs.queue(QueueName.System).count();
      return;
    }
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
    await this.redis.ping();
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }
}

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message === 'timeout' ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
