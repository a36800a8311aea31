import { Controller, Get, Inject, type OnModuleDestroy, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../auth/decorators.js';
import { AppConfig } from '../config/app-config.js';
import { Db } from '../database/db.service.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';
import { type ReadinessReport, ReadinessReports } from './readiness-reports.js';
import { JobQueue } from '../queue/job-queue.service.js';
import { QueueName } from '../queue/job-registry.js';
import { ping } from './health.queries.js';

const CHECK_TIMEOUT_MS = 1500;

@Controller()
export class HealthController implements OnModuleDestroy {
  private readonly redis?: Redis;

  constructor(
    private readonly db: Db,
    private readonly heartbeats: WorkerHeartbeatService,
    private readonly jobs: JobQueue,
    private readonly reports: ReadinessReports,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    if (config.queueBackend === 'redis') {
      this.redis = new Redis(config.redisUrl!, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1000,
      });
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
   * queried through the api's own queue) and, unless this is an api-only deployment (`READY_REQUIRES_WORKER=false`),
   * a worker that beat within `WORKER_STALE_AFTER_SECONDS`. A 503 names the failing checks; the live workers are
   * listed either way.
   */
  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [postgres, queues, live, ...reported] = await Promise.all([
      check(() => ping(this.db.manager)),
      check(() => this.probeQueueStore()),
      this.heartbeats.live().catch(() => null),
      ...this.reports.entries().map(([, reporter]) => report(reporter)),
    ]);
    const worker: CheckResult = live?.workers.length
      ? { ok: true }
      : {
          ok: !this.config.readyRequiresWorker,
          error: !live ? 'unknown' : live.lastBeatAt ? 'stale' : 'none',
          required: this.config.readyRequiresWorker,
        };
    const checks: Record<string, CheckResult> = {
      postgres,
      [this.config.queueBackend === 'redis' ? 'redis' : 'postgresQueues']: queues,
      worker,
    };
    this.reports.entries().forEach(([name], i) => (checks[name] = reported[i]!));
    const failing = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    await reply.status(failing.length ? 503 : 200).send({
      status: failing.length ? 'not ready' : 'ready',
      failing,
      queueBackend: this.config.queueBackend,
      checks,
      workers: live?.workers ?? [],
      lastHeartbeatAt: live?.lastBeatAt ?? null,
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

interface CheckResult {
  ok: boolean;
  error?: string;
  required?: boolean;
  [detail: string]: unknown;
}

async function report(reporter: () => Promise<ReadinessReport>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      reporter(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    return { ok: false, error: (error as Error).message === 'timeout' ? 'timeout' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
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
